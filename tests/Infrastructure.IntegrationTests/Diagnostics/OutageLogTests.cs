using Microsoft.Extensions.Logging;
using Shop.Infrastructure.Diagnostics;
using Shop.Infrastructure.IntegrationTests.Support;

namespace Shop.Infrastructure.IntegrationTests.Diagnostics;

public sealed class OutageLogTests
{
    private readonly CapturingLogger<OutageLog> _logger = new();
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly OutageLog _outages;

    public OutageLogTests() => _outages = new OutageLog(_logger, _clock);

    [Fact]
    public void The_first_failure_logs_one_start_line_with_the_cause_and_no_stack_trace()
    {
        _outages.Failed(OutageLog.Redis, Thrown(new TimeoutException("Timeout performing GET\nmore detail")));

        var line = Assert.Single(_logger.Entries);
        Assert.Equal(LogLevel.Error, line.Level);
        Assert.Equal("Redis outage started: TimeoutException: Timeout performing GET", line.Message);
        Assert.Null(line.Exception);
        Assert.True(_outages.IsDown(OutageLog.Redis));
    }

    [Fact]
    public void Failures_within_the_interval_add_no_line_and_the_next_one_after_it_logs_their_count()
    {
        _outages.Failed(OutageLog.Redis, new TimeoutException("down"));
        for (var i = 0; i < 1_000; i++)
        {
            _outages.Failed(OutageLog.Redis, new TimeoutException("down"));
        }

        Assert.Single(_logger.Entries);

        _clock.Advance(OutageLog.DefaultSummaryInterval);
        _outages.Failed(OutageLog.Redis, new TimeoutException("down"));

        Assert.Equal(2, _logger.Entries.Count);
        var summary = _logger.Entries[1];
        Assert.Equal(LogLevel.Warning, summary.Level);
        Assert.StartsWith("Redis still unavailable: 1001 failed calls in the last 10 s", summary.Message, StringComparison.Ordinal);
        Assert.Null(summary.Exception);
    }

    [Fact]
    public void An_answer_ends_the_outage_with_one_line_and_a_later_failure_starts_a_new_one()
    {
        _outages.Failed(OutageLog.PostgreSql, new InvalidOperationException("refused"));
        _outages.Failed(OutageLog.PostgreSql, new InvalidOperationException("refused"));
        _clock.Advance(TimeSpan.FromSeconds(3));

        _outages.Answered(OutageLog.PostgreSql);
        _outages.Answered(OutageLog.PostgreSql);

        Assert.Equal(2, _logger.Entries.Count);
        Assert.Equal("PostgreSQL outage ended after 3.0 s and 2 failed calls", _logger.Entries[1].Message);
        Assert.False(_outages.IsDown(OutageLog.PostgreSql));

        _outages.Failed(OutageLog.PostgreSql, new InvalidOperationException("refused again"));
        Assert.Equal(3, _logger.Entries.Count);
        Assert.StartsWith("PostgreSQL outage started", _logger.Entries[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Answers_without_an_outage_log_nothing_and_dependencies_are_apart()
    {
        _outages.Answered(OutageLog.Redis);
        Assert.Empty(_logger.Entries);

        _outages.Failed(OutageLog.Redis, new TimeoutException("down"));
        _outages.Answered(OutageLog.PostgreSql);

        Assert.Single(_logger.Entries);
        Assert.True(_outages.IsDown(OutageLog.Redis));
    }

    [Fact]
    public async Task Concurrent_failures_log_one_start_line()
    {
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                _outages.Failed(OutageLog.Redis, new TimeoutException("down"));
            }
        })));

        Assert.Single(_logger.Entries);
    }

    private static Exception Thrown(Exception exception)
    {
        try
        {
            throw exception;
        }
        catch (Exception caught)
        {
            return caught;
        }
    }
}
