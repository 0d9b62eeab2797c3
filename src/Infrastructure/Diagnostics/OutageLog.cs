using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Shop.Infrastructure.Diagnostics;

/// <summary>
/// The one place that logs a dependency (Redis, PostgreSQL) failing calls: one line when an outage starts, a
/// summary at most every <see cref="SummaryInterval"/> with the count of failed calls while it lasts, one line when
/// it ends. Never a stack trace and never a line per request: under load an outage must not bury its own cause.
/// </summary>
public sealed partial class OutageLog
{
    public const string Redis = "Redis";
    public const string PostgreSql = "PostgreSQL";

    public static readonly TimeSpan DefaultSummaryInterval = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, Dependency> _dependencies = new(StringComparer.Ordinal);
    private readonly ILogger<OutageLog> _logger;
    private readonly TimeProvider _clock;

    public OutageLog(ILogger<OutageLog> logger, TimeProvider clock)
        : this(logger, clock, DefaultSummaryInterval)
    {
    }

    public OutageLog(ILogger<OutageLog> logger, TimeProvider clock, TimeSpan summaryInterval)
    {
        _logger = logger;
        _clock = clock;
        SummaryInterval = summaryInterval;
    }

    public TimeSpan SummaryInterval { get; }

    /// <summary>A call to <paramref name="dependency"/> failed; the request carries on degraded or answers 503.</summary>
    public void Failed(string dependency, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var state = _dependencies.GetOrAdd(dependency, _ => new Dependency());
        var now = _clock.GetUtcNow();
        lock (state)
        {
            if (!state.Down)
            {
                state.Down = true;
                state.Started = now;
                state.LastLine = now;
                state.Total = 1;
                state.SinceLastLine = 0;
                var cause = Describe(exception);
                LogStarted(dependency, cause);
                return;
            }

            state.Total++;
            state.SinceLastLine++;
            var sinceLastLine = now - state.LastLine;
            if (sinceLastLine >= SummaryInterval)
            {
                var cause = Describe(exception);
                LogContinues(dependency, state.SinceLastLine, sinceLastLine.TotalSeconds, cause);
                state.LastLine = now;
                state.SinceLastLine = 0;
            }
        }
    }

    /// <summary>A call to <paramref name="dependency"/> worked: ends its outage, if one is on. Cheap when none is.</summary>
    public void Answered(string dependency)
    {
        if (!_dependencies.TryGetValue(dependency, out var state) || !state.Down)
        {
            return;
        }

        lock (state)
        {
            if (!state.Down)
            {
                return;
            }

            state.Down = false;
            var lasted = _clock.GetUtcNow() - state.Started;
            LogEnded(dependency, lasted.TotalSeconds, state.Total);
        }
    }

    /// <summary>Whether <paramref name="dependency"/> is in an outage now (its last call failed).</summary>
    public bool IsDown(string dependency) => _dependencies.TryGetValue(dependency, out var state) && state.Down;

    // The type and the first line of the message: enough to name the cause, without the stack.
    private static string Describe(Exception exception)
    {
        var message = exception.Message;
        var newline = message.IndexOfAny(['\r', '\n']);
        return $"{exception.GetType().Name}: {(newline < 0 ? message : message[..newline])}";
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Dependency} outage started: {Cause}")]
    private partial void LogStarted(string dependency, string cause);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Dependency} still unavailable: {Failed} failed calls in the last {Seconds:F0} s ({Cause})")]
    private partial void LogContinues(string dependency, long failed, double seconds, string cause);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Dependency} outage ended after {Seconds:F1} s and {Failed} failed calls")]
    private partial void LogEnded(string dependency, double seconds, long failed);

    private sealed class Dependency
    {
        private volatile bool _down;

        public bool Down
        {
            get => _down;
            set => _down = value;
        }

        public DateTimeOffset Started { get; set; }

        public DateTimeOffset LastLine { get; set; }

        public long Total { get; set; }

        public long SinceLastLine { get; set; }
    }
}
