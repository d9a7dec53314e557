using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace VirtualMeet.Server.Tests.Infrastructure;

/// <summary>
/// Every entry a node logs past its <c>Logging:LogLevel</c> filters, as a console sink would get it: added as one more
/// provider, so it sees exactly what Serilog sees.
/// </summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    public IReadOnlyCollection<Entry> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new Category(this, categoryName);

    public void Dispose()
    {
    }

    /// <summary>One log entry; <see cref="Text"/> is its rendering: category, message and exception with stack trace.</summary>
    public sealed record Entry(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception)
    {
        public string Text => $"{Level} {Category}: {Message}{(Exception is null ? "" : Environment.NewLine + Exception)}";

        public int Bytes => System.Text.Encoding.UTF8.GetByteCount(Text);
    }

    private sealed class Category(LogCapture capture, string name) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture._entries.Enqueue(new Entry(name, logLevel, eventId, formatter(state, exception), exception));
    }
}
