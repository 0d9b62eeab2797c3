using System.Diagnostics;
using Mediator;
using Shop.Application.Telemetry;

namespace Shop.Application.Behaviors;

/// <summary>
/// A span per command and query, child of the request's span, and its duration in <see cref="ShopTelemetry.UseCaseDuration"/>
/// tagged with the use case and its outcome. It writes no log line: the metrics carry what a line per request used to.
/// </summary>
public sealed class TelemetryBehavior<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly string UseCase = typeof(TMessage).Name;

    public async ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        using var activity = ShopTelemetry.ActivitySource.StartActivity(UseCase);
        activity?.SetTag(ShopTelemetry.UseCaseTag, UseCase);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            Record(activity, started, ShopTelemetry.Success);
            return response;
        }
        catch (Exception exception)
        {
            var outcome = Outcome.Of(exception);
            Record(activity, started, outcome);
            if (Outcome.IsFault(outcome))
            {
                activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            }

            activity?.SetTag("error.type", outcome == Outcome.Unexpected ? exception.GetType().FullName : outcome);
            throw;
        }
    }

    private static void Record(Activity? activity, long started, string outcome)
    {
        activity?.SetTag(ShopTelemetry.OutcomeTag, outcome);
        ShopTelemetry.UseCaseDuration.Record(
            Stopwatch.GetElapsedTime(started).TotalSeconds,
            new KeyValuePair<string, object?>(ShopTelemetry.UseCaseTag, UseCase),
            new KeyValuePair<string, object?>(ShopTelemetry.OutcomeTag, outcome));
    }
}
