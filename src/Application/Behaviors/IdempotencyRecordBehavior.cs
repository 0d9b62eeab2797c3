using System.Text.Json;
using Mediator;
using Shop.Application.EdgePorts;
using Shop.Application.Errors;

namespace Shop.Application.Behaviors;

/// <summary>
/// For a command sent under an `Idempotency-Key` (<see cref="IdempotentRequest"/>): replays the outcome recorded under
/// the key without running the handler, or runs it and records its response. It runs inside
/// <see cref="TransactionBehavior{TMessage,TResponse}"/>, so the record commits with the change or not at all; a retry
/// after a lost COMMIT answer then finds the record. Only successes are recorded: a failure rolls the record back too.
/// A command marked <see cref="IRunsWithoutTransaction"/> saves the record with its one save (EF Core's own transaction);
/// what such a command does outside the database is not covered (no route takes a key for one today).
/// </summary>
public sealed class IdempotencyRecordBehavior<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IBaseCommand
{
    private readonly IdempotentRequest _request;
    private readonly IIdempotencyRecords _records;

    public IdempotencyRecordBehavior(IdempotentRequest request, IIdempotencyRecords records)
    {
        _request = request;
        _records = records;
    }

    public async ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (_request is not { Key: { } key, RequestHash: { } requestHash })
        {
            return await next(message, cancellationToken);
        }

        if (await _records.FindAsync(key, cancellationToken) is { } recorded)
        {
            if (!string.Equals(recorded.RequestHash, requestHash, StringComparison.Ordinal))
            {
                throw new IdempotencyKeyReusedException();
            }

            _request.MarkReplayed();
            return JsonSerializer.Deserialize<TResponse>(recorded.Response, JsonSerializerOptions.Web)!;
        }

        var response = await next(message, cancellationToken);
        _records.Add(key, requestHash, JsonSerializer.Serialize(response, JsonSerializerOptions.Web));
        return response;
    }
}
