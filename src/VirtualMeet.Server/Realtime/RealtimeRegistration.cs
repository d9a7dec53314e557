using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using VirtualMeet.Server.Hosting;
using VirtualMeet.SignalR.Redis;

namespace VirtualMeet.Server.Realtime;

/// <summary>SignalR with our limits and, when configured, the Redis backplane.</summary>
public static class RealtimeRegistration
{
    public static WebApplicationBuilder AddRealtime(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<RealtimeOptions>(RealtimeOptions.Section)
            .Validate(o => o.ClientTimeoutInterval >= 2 * o.KeepAliveInterval,
                "Realtime:ClientTimeoutInterval must be at least twice Realtime:KeepAliveInterval.");

        var realtime = builder.Configuration.GetSection(RealtimeOptions.Section).Get<RealtimeOptions>() ?? new RealtimeOptions();
        var signalR = services
            .AddSignalR()
            .AddJsonProtocol(json =>
            {
                json.PayloadSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
                json.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            });
        services.AddSingleton<IConfigureOptions<Microsoft.AspNetCore.SignalR.HubOptions>, HubOptionsSetup>();

        if (realtime.Backplane == BackplaneKind.Redis)
        {
            builder.AddSharedRedisConnection();
            signalR.AddRedisBackplane(options => options.ChannelPrefix = realtime.ChannelPrefix);
        }

        return builder;
    }

    private sealed class HubOptionsSetup(IOptions<RealtimeOptions> realtime) : IConfigureOptions<Microsoft.AspNetCore.SignalR.HubOptions>
    {
        public void Configure(Microsoft.AspNetCore.SignalR.HubOptions options)
        {
            var value = realtime.Value;
            options.MaximumReceiveMessageSize = value.MaximumReceiveMessageSize;
            options.KeepAliveInterval = value.KeepAliveInterval;
            options.ClientTimeoutInterval = value.ClientTimeoutInterval;
            options.MaximumParallelInvocationsPerClient = value.MaximumParallelInvocationsPerClient;
            options.EnableDetailedErrors = false;
            options.AddFilter<HubCallScopeFilter>();
        }
    }
}
