using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace VirtualMeet.Testing;

/// <summary>
/// One real VirtualMeet server (the production <c>Program</c>) on Kestrel at a free loopback port: real HTTP,
/// real WebSockets. Several nodes in one test share a <see cref="RedisServer"/> to form a cluster.
/// </summary>
public sealed class VirtualMeetNode : IAsyncDisposable
{
    /// <summary>Settings every test node starts with; a test's own settings win.</summary>
    public static IReadOnlyDictionary<string, string?> DefaultSettings { get; } = new Dictionary<string, string?>
    {
        ["Auth:SigningKey"] = "virtualmeet-tests-signing-key-0123456789abcdef",
        ["Auth:OrganizerKey"] = TestOrganizerKey,
        ["Demo:Seed"] = "false",
        ["Logging:Format"] = "text",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Hosting:ShutdownTimeout"] = "00:00:02",
        // Tests sign up and sign in from one address far more often than people do; the budgets have their own tests.
        ["RateLimits:Rules:signup:PermitLimit"] = "100000",
        ["RateLimits:Rules:organizer-sign-in:PermitLimit"] = "100000",
    };

    public const string TestOrganizerKey = "organizer-key-for-tests";

    private readonly Factory _factory;

    private VirtualMeetNode(Factory factory, Uri baseAddress)
    {
        _factory = factory;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _factory.Services;

    /// <summary>
    /// Starts a node with the in-memory defaults plus <paramref name="settings"/>; <paramref name="configureServices"/>
    /// replaces services after the app's own registrations (e.g. a <see cref="ManualTimeProvider"/>).
    /// </summary>
    public static Task<VirtualMeetNode> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var merged = new Dictionary<string, string?>(DefaultSettings);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }

        var factory = new Factory(merged, configureServices);
        factory.UseKestrel(0);
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.Select(a => new Uri(a.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)))
            .First();
        return Task.FromResult(new VirtualMeetNode(factory, address));
    }

    /// <summary>Starts a node that uses <paramref name="redis"/> for the backplane and the stores.</summary>
    public static Task<VirtualMeetNode> StartWithRedisAsync(
        RedisServer redis,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null)
    {
        ArgumentNullException.ThrowIfNull(redis);
        var merged = new Dictionary<string, string?>
        {
            ["Realtime:Backplane"] = "Redis",
            ["Storage:Provider"] = "Redis",
            ["ConnectionStrings:Redis"] = redis.ConnectionString,
            ["Redis:CaCertificatePath"] = redis.CaCertificatePath,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }

        return StartAsync(merged, configureServices);
    }

    /// <summary>An HttpClient that talks to this node over the loopback network.</summary>
    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TestTimeouts.Default };

    public Uri HubUrl(string path) => new(BaseAddress, path);

    public Task<HubConnection> ConnectAsync(string hubPath, string? accessToken = null) =>
        TestHubConnection.ConnectAsync(HubUrl(hubPath), accessToken);

    public T GetRequiredService<T>() where T : notnull => Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private sealed class Factory(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? configureServices)
        : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseUrls("http://127.0.0.1:0");
            foreach (var (key, value) in settings)
            {
                // UseSetting lands before Program reads configuration, unlike ConfigureAppConfiguration callbacks.
                builder.UseSetting(key, value);
            }

            if (configureServices is not null)
            {
                builder.ConfigureTestServices(configureServices);
            }
        }
    }
}
