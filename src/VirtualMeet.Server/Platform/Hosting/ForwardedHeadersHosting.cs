using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace VirtualMeet.Server.Platform.Hosting;

/// <summary>
/// The caller's own address and scheme behind a reverse proxy (deploy/nginx), from the proxies listed in
/// <c>Hosting:TrustedProxies</c>. Per-address budgets (sign-up, organizer sign-in) depend on it.
/// </summary>
internal static class ForwardedHeadersHosting
{
    public static IServiceCollection AddForwardedHeaders(this IServiceCollection services)
    {
        services.AddSingleton<IConfigureOptions<ForwardedHeadersOptions>, TrustedProxiesSetup>();
        services.AddSingleton<IValidateOptions<HostingOptions>, TrustedProxiesValidator>();
        return services;
    }

    public static IApplicationBuilder UseForwardedClientAddress(this IApplicationBuilder app) => app.UseForwardedHeaders();

    private static bool TryParse(string entry, out IPAddress? address, out System.Net.IPNetwork? network)
    {
        address = null;
        network = null;
        return entry.Contains('/', StringComparison.Ordinal)
            ? TryParseNetwork(entry, out network)
            : IPAddress.TryParse(entry, out address);
    }

    private static bool TryParseNetwork(string entry, out System.Net.IPNetwork? network)
    {
        network = System.Net.IPNetwork.TryParse(entry, out var parsed) ? parsed : null;
        return network is not null;
    }

    private sealed class TrustedProxiesSetup(IOptions<HostingOptions> hosting) : IConfigureOptions<ForwardedHeadersOptions>
    {
        public void Configure(ForwardedHeadersOptions options)
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var entry in hosting.Value.TrustedProxies)
            {
                if (!TryParse(entry, out var address, out var network))
                    continue; // refused at start by the validator
                if (address is not null)
                    options.KnownProxies.Add(address);
                if (network is { } range)
                    options.KnownIPNetworks.Add(range);
            }
        }
    }

    private sealed class TrustedProxiesValidator : IValidateOptions<HostingOptions>
    {
        public ValidateOptionsResult Validate(string? name, HostingOptions options)
        {
            var wrong = options.TrustedProxies.Where(entry => !TryParse(entry, out _, out _)).ToList();
            return wrong.Count == 0
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(wrong.Select(entry =>
                    $"Hosting:TrustedProxies: '{entry}' is neither an IP address nor a network such as 10.0.0.0/8."));
        }
    }
}
