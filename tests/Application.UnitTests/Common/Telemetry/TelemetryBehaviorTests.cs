using System.Diagnostics;
using System.Diagnostics.Metrics;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Shop.Application.Behaviors;
using Shop.Application.Errors;
using Shop.Application.Telemetry;

namespace Shop.Application.UnitTests.Common.Telemetry;

/// <summary>A message only these tests send, so that other tests' spans and measurements cannot mix in.</summary>
public sealed record TelemetryProbeQuery(string Text) : IQuery<string>;

public sealed class TelemetryBehaviorTests : IDisposable
{
    private static readonly ActivitySource CallerSource = new("Shop.Application.UnitTests.Caller");
    private readonly TelemetryBehavior<TelemetryProbeQuery, string> _behavior = new();
    private readonly List<Activity> _spans = [];
    private readonly List<(double Seconds, Dictionary<string, object?> Tags)> _durations = [];
    private readonly ActivityListener _activities;
    private readonly MeterListener _meters = new();

    public TelemetryBehaviorTests()
    {
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name is ShopTelemetry.SourceName || source == CallerSource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.DisplayName == nameof(TelemetryProbeQuery))
                {
                    lock (_spans)
                    {
                        _spans.Add(activity);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(_activities);
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            // By name: the instrument is published while ShopTelemetry's static fields are still being set.
            if (instrument.Meter.Name == ShopTelemetry.SourceName && instrument.Name == "shop.use_case.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            var tagged = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var tag in tags)
            {
                tagged[tag.Key] = tag.Value;
            }

            if (Equals(tagged.GetValueOrDefault(ShopTelemetry.UseCaseTag), nameof(TelemetryProbeQuery)))
            {
                lock (_durations)
                {
                    _durations.Add((value, tagged));
                }
            }
        });
        _meters.Start();
    }

    public void Dispose()
    {
        _activities.Dispose();
        _meters.Dispose();
    }

    [Fact]
    public async Task A_success_is_a_child_span_of_the_caller_and_one_duration_tagged_success()
    {
        using var caller = CallerSource.StartActivity("request");

        var response = await _behavior.Handle(new TelemetryProbeQuery("hi"), (message, _) => ValueTask.FromResult($"pong {message.Text}"), CancellationToken.None);

        Assert.Equal("pong hi", response);
        var span = Assert.Single(_spans);
        Assert.Equal(caller!.SpanId, span.ParentSpanId);
        Assert.Equal(caller.TraceId, span.TraceId);
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Equal(ShopTelemetry.Success, span.GetTagItem(ShopTelemetry.OutcomeTag));
        var duration = Assert.Single(_durations);
        Assert.Equal(ShopTelemetry.Success, duration.Tags[ShopTelemetry.OutcomeTag]);
        Assert.InRange(duration.Seconds, 0, 5);
    }

    [Theory]
    [InlineData("not_found")]
    [InlineData("validation")]
    [InlineData("unavailable")]
    [InlineData("too_many_requests")]
    [InlineData("unexpected")]
    public async Task A_failure_is_rethrown_unchanged_and_recorded_with_its_category(string outcome)
    {
        Exception failure = outcome switch
        {
            "not_found" => new NotFoundException("Product", Guid.NewGuid()),
            "validation" => new ValidationException([new ValidationFailure("text", "is empty")]),
            "unavailable" => new ServiceUnavailableException("The session store cannot be reached."),
            "too_many_requests" => new TooManyRequestsException("too-many-failed-logins", "Too many failed logins.", TimeSpan.FromMinutes(1)),
            _ => new InvalidOperationException("boom"),
        };

        var thrown = await Assert.ThrowsAnyAsync<Exception>(() =>
            _behavior.Handle(new TelemetryProbeQuery("hi"), (_, _) => throw failure, CancellationToken.None).AsTask());

        Assert.Same(failure, thrown);
        var duration = Assert.Single(_durations);
        Assert.Equal(outcome, duration.Tags[ShopTelemetry.OutcomeTag]);
        var span = Assert.Single(_spans);
        Assert.Equal(outcome, span.GetTagItem(ShopTelemetry.OutcomeTag));
        // A refusal of the request is no fault of the server; an outage or a bug is.
        var fault = outcome is "unavailable" or "unexpected";
        Assert.Equal(fault ? ActivityStatusCode.Error : ActivityStatusCode.Unset, span.Status);
    }
}
