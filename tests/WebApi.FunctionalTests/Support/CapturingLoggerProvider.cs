using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Shop.WebApi.FunctionalTests.Support;

/// <summary>An ILoggerProvider that keeps every entry the host's filters let through, as the console would get it.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    /// <summary>The entries logged after the first <paramref name="skip"/>.</summary>
    public IReadOnlyList<LogEntry> Since(int skip) => [.. _entries.Skip(skip)];

    public ILogger CreateLogger(string categoryName) => new Capturing(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Capturing(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception), exception));
    }
}

/// <param name="Exception">What the console would print as a stack trace under the message.</param>
public sealed record LogEntry(string Category, LogLevel Level, string Message, Exception? Exception)
{
    /// <summary>The lines the console formatter writes for this entry: a header, the message, the exception's.</summary>
    public int ConsoleLines => 1 + Message.Split('\n').Length + (Exception?.ToString().Split('\n').Length ?? 0);
}
