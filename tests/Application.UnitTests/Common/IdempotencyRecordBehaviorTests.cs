using System.Text.Json;
using NSubstitute;
using Shop.Application.Behaviors;
using Shop.Application.EdgePorts;
using Shop.Application.Errors;

namespace Shop.Application.UnitTests.Common;

public sealed class IdempotencyRecordBehaviorTests
{
    private static readonly IdempotencyKey Key = new(Guid.NewGuid(), "POST /api/orders", "key-1");
    private static readonly Receipt First = new(Guid.NewGuid(), 12.50m, new DateTime(2026, 12, 4, 10, 11, 12, 345, DateTimeKind.Utc).AddTicks(6789));

    private readonly IdempotentRequest _request = new();
    private readonly IIdempotencyRecords _records = Substitute.For<IIdempotencyRecords>();
    private readonly IdempotencyRecordBehavior<ReceiptCommand, Receipt> _behavior;
    private int _handled;

    public IdempotencyRecordBehaviorTests() => _behavior = new(_request, _records);

    [Fact]
    public async Task Without_a_key_the_handler_runs_and_nothing_is_looked_up_or_recorded()
    {
        var response = await HandleAsync();

        Assert.Equal(First, response);
        Assert.Equal(1, _handled);
        Assert.Empty(_records.ReceivedCalls());
    }

    [Fact]
    public async Task A_first_run_records_the_handlers_response_as_json()
    {
        _request.Use(Key, "hash-a");

        var response = await HandleAsync();

        Assert.Equal(First, response);
        Assert.Equal(1, _handled);
        Assert.False(_request.Replayed);
        _records.Received(1).Add(Key, "hash-a", JsonSerializer.Serialize(First, JsonSerializerOptions.Web));
    }

    [Fact]
    public async Task A_recorded_outcome_with_the_same_body_is_replayed_without_running_the_handler()
    {
        _request.Use(Key, "hash-a");
        _records.FindAsync(Key, Arg.Any<CancellationToken>())
            .Returns(new RecordedOutcome("hash-a", JsonSerializer.Serialize(First, JsonSerializerOptions.Web)));

        var response = await HandleAsync();

        Assert.Equal(First, response);
        Assert.Equal(0, _handled);
        Assert.True(_request.Replayed);
        _records.DidNotReceiveWithAnyArgs().Add(default!, default!, default!);
    }

    [Fact]
    public async Task A_recorded_outcome_of_another_body_is_refused_without_running_the_handler()
    {
        _request.Use(Key, "hash-b");
        _records.FindAsync(Key, Arg.Any<CancellationToken>()).Returns(new RecordedOutcome("hash-a", "{}"));

        await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => HandleAsync().AsTask());

        Assert.Equal(0, _handled);
        Assert.False(_request.Replayed);
        _records.DidNotReceiveWithAnyArgs().Add(default!, default!, default!);
    }

    [Fact]
    public async Task A_failed_handler_records_nothing()
    {
        _request.Use(Key, "hash-a");

        await Assert.ThrowsAsync<InvalidOperationException>(() => _behavior.Handle(
            new ReceiptCommand("x"), (_, _) => throw new InvalidOperationException("refused"), CancellationToken.None).AsTask());

        _records.DidNotReceiveWithAnyArgs().Add(default!, default!, default!);
    }

    private ValueTask<Receipt> HandleAsync() =>
        _behavior.Handle(new ReceiptCommand("x"), (_, _) =>
        {
            _handled++;
            return ValueTask.FromResult(First);
        }, CancellationToken.None);
}
