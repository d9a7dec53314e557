using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace VirtualMeet.Server.Platform.Realtime;

/// <summary>
/// One log entry per failed hub call, written by <see cref="HubCallScopeFilter"/>: a refusal at Information with its
/// code and no stack trace, anything else at Error with its stack trace. SignalR's dispatcher logs every failed
/// invocation again at Error with the stack trace (event <c>FailedInvokingHubMethod</c>), refusals too: 1,500
/// refused calls wrote 26.6 MB. Its entry is dropped when our filter already logged the exception or an exception
/// it wraps (a refusal arrives as the HubException wrapping it); a failure our filters never saw stays logged by
/// the dispatcher, so nothing is lost.
/// </summary>
internal static class HubFailureLogging
{
    /// <summary>The category of SignalR's <c>DefaultHubDispatcher&lt;THub&gt;</c> logger.</summary>
    public const string DispatcherCategory = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    private const string FailedInvokingHubMethod = "FailedInvokingHubMethod";

    // Keyed by the exception instance, so an exception thrown again (a cached refusal) is still recognised, and
    // collected with it.
    private static readonly ConditionalWeakTable<Exception, object> Logged = [];

    /// <summary>Records that <paramref name="exception"/> has been logged once for the call it failed.</summary>
    public static void MarkLogged(Exception exception) => Logged.AddOrUpdate(exception, Logged);

    public static bool WasLogged(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (Logged.TryGetValue(e, out _))
                return true;
        }

        return false;
    }

    /// <summary>
    /// Wraps the logger factory so that the dispatcher's logger skips failures already logged. Filters of
    /// Microsoft.Extensions.Logging see category and level only, never the exception, hence a decorator.
    /// </summary>
    public static IServiceCollection AddHubFailureLogging(this IServiceCollection services)
    {
        var inner = services.LastOrDefault(d => d.ServiceType == typeof(ILoggerFactory) && !d.IsKeyedService);
        services.RemoveAll<ILoggerFactory>();
        services.AddSingleton<ILoggerFactory>(provider => new DeduplicatingLoggerFactory(inner switch
        {
            { ImplementationInstance: ILoggerFactory instance } => instance,
            { ImplementationFactory: { } factory } => (ILoggerFactory)factory(provider),
            { ImplementationType: { } type } when type != typeof(LoggerFactory) =>
                (ILoggerFactory)ActivatorUtilities.CreateInstance(provider, type),
            // The constructor the container would pick for the default registration.
            _ => new LoggerFactory(
                provider.GetServices<ILoggerProvider>(),
                provider.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
                provider.GetService<IOptions<LoggerFactoryOptions>>(),
                provider.GetService<IExternalScopeProvider>()),
        }));
        return services;
    }

    private sealed class DeduplicatingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName)
        {
            var logger = inner.CreateLogger(categoryName);
            return categoryName == DispatcherCategory ? new DispatcherLogger(logger) : logger;
        }

        public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

        public void Dispose() => inner.Dispose();
    }

    private sealed class DispatcherLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Name == FailedInvokingHubMethod && WasLogged(exception))
                return;
            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
