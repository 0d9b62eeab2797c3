using Mediator;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Shop.Application.Behaviors;
using Shop.Application.Caching;
using Shop.Application.Events;
using Shop.Application.Events.Ports;
using Shop.Application.Persistence;
using Shop.Domain.Ordering;

namespace Shop.Application.UnitTests.Common;

public sealed class TransactionBehaviorTests
{
    private readonly List<string> _steps = [];
    private readonly IUnitOfWork _unitOfWork = Substitute.For<IUnitOfWork>();
    private readonly ICache _cache = Substitute.For<ICache>();
    private readonly CacheInvalidation _invalidation = new();
    private readonly IOutbox _outbox = Substitute.For<IOutbox>();
    private readonly IPublisher _publisher = Substitute.For<IPublisher>();
    private readonly IIntegrationEventMapper _mapper = Substitute.For<IIntegrationEventMapper>();
    private readonly TransactionBehavior<PingCommand, string> _behavior;
    private IReadOnlyCollection<string>? _removedKeys;

    public TransactionBehaviorTests()
    {
        _unitOfWork.BeginTransactionAsync(Arg.Any<CancellationToken>()).Returns(_ => Step("begin"));
        _unitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>()).Returns(_ => Step("save"));
        _unitOfWork.CommitAsync(Arg.Any<CancellationToken>()).Returns(_ => Step("commit"));
        _unitOfWork.RollbackAsync(Arg.Any<CancellationToken>()).Returns(_ => Step("rollback"));
        _cache.RemoveAsync(Arg.Any<IReadOnlyCollection<string>>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            // Copied: the behaviour may clear its own collection afterwards.
            _removedKeys = [.. call.Arg<IReadOnlyCollection<string>>()];
            return Step("remove");
        });
        _unitOfWork.TakeRaisedEvents().Returns([]);
        _outbox.WriteAsync(Arg.Any<IReadOnlyList<IntegrationEvent>>(), Arg.Any<CancellationToken>()).Returns(_ => Step("outbox"));
#pragma warning disable CA2012 // NSubstitute's Returns configures the call; no ValueTask is consumed here.
        _publisher.Publish(Arg.Any<DomainEventNotification>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            _steps.Add("publish " + call.Arg<DomainEventNotification>().Event.GetType().Name);
            return ValueTask.CompletedTask;
        });
#pragma warning restore CA2012
        _behavior = Create<PingCommand>();
    }

    private TransactionBehavior<TCommand, string> Create<TCommand>()
        where TCommand : ICommand<string> =>
        new(_unitOfWork, _invalidation, _cache, [_mapper], _outbox, _publisher, NullLogger<TransactionBehavior<TCommand, string>>.Instance);

    [Fact]
    public async Task Events_are_written_to_the_outbox_before_the_commit_and_published_after_it_in_order()
    {
        var orderId = Guid.NewGuid();
        RaisedEvent[] raised = [new(new OrderPaid(orderId), null), new(new OrderCancelled(orderId, false), null)];
        _unitOfWork.TakeRaisedEvents().Returns(raised);
        IntegrationEvent[] mapped = [new("order.paid", orderId, new { id = orderId })];
        _mapper.MapAsync(raised, Arg.Any<CancellationToken>()).Returns(mapped);

        await _behavior.Handle(new PingCommand("hello", 1), (_, _) => ValueTask.FromResult("pong"), CancellationToken.None);

        Assert.Equal(new[] { "begin", "save", "outbox", "commit", "publish OrderPaid", "publish OrderCancelled" }, _steps);
        await _outbox.Received(1).WriteAsync(Arg.Is<IReadOnlyList<IntegrationEvent>>(events => events.SequenceEqual(mapped)), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_failed_commit_rolls_back_and_publishes_nothing()
    {
        _unitOfWork.TakeRaisedEvents().Returns([new RaisedEvent(new OrderPaid(Guid.NewGuid()), null)]);
        _mapper.MapAsync(Arg.Any<IReadOnlyList<RaisedEvent>>(), Arg.Any<CancellationToken>()).Returns([]);
        _unitOfWork.CommitAsync(Arg.Any<CancellationToken>()).ThrowsAsync(new InvalidOperationException("serialization failure"));

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            _behavior.Handle(new PingCommand("hello", 1), (_, _) => ValueTask.FromResult("pong"), CancellationToken.None).AsTask());

        Assert.Equal(new[] { "begin", "save", "outbox", "rollback" }, _steps);
        await _publisher.DidNotReceiveWithAnyArgs().Publish(default(DomainEventNotification)!, default);
    }

    [Fact]
    public async Task A_failing_event_handler_does_not_fail_the_committed_command_nor_stop_the_next_event()
    {
        _unitOfWork.TakeRaisedEvents().Returns([new RaisedEvent(new OrderPaid(Guid.NewGuid()), null), new RaisedEvent(new OrderPlaced(Guid.NewGuid()), null)]);
        _mapper.MapAsync(Arg.Any<IReadOnlyList<RaisedEvent>>(), Arg.Any<CancellationToken>()).Returns([]);
#pragma warning disable CA2012 // As in the constructor.
        _publisher.Publish(Arg.Is<DomainEventNotification>(n => n.Event is OrderPaid), Arg.Any<CancellationToken>())
            .Returns(_ => ValueTask.FromException(new InvalidOperationException("handler broke")));
#pragma warning restore CA2012

        var response = await _behavior.Handle(new PingCommand("hello", 1), (_, _) => ValueTask.FromResult("pong"), CancellationToken.None);

        Assert.Equal("pong", response);
        Assert.Equal("publish OrderPlaced", _steps[^1]);
    }

    [Fact]
    public async Task A_command_without_a_transaction_that_raises_events_is_refused_before_anything_is_written()
    {
        _unitOfWork.TakeRaisedEvents().Returns([new RaisedEvent(new OrderPaid(Guid.NewGuid()), null)]);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Create<PlainSaveCommand>()
            .Handle(new PlainSaveCommand("hello"), (_, _) => ValueTask.FromResult("saved"), CancellationToken.None).AsTask());

        await _outbox.DidNotReceiveWithAnyArgs().WriteAsync(default!, default);
    }

    [Fact]
    public async Task Commits_then_removes_the_invalidated_keys()
    {
        var response = await _behavior.Handle(
            new PingCommand("hello", 1),
            (_, _) =>
            {
                _steps.Add("handler");
                _invalidation.Invalidate("cache:product:1");
                _invalidation.Invalidate("cache:product:2");
                return ValueTask.FromResult("pong");
            },
            CancellationToken.None);

        Assert.Equal("pong", response);
        Assert.Equal(new[] { "begin", "handler", "save", "commit", "remove" }, _steps);
        Assert.NotNull(_removedKeys);
        Assert.Equal(new[] { "cache:product:1", "cache:product:2" }, _removedKeys.Order(StringComparer.Ordinal));
        await _unitOfWork.DidNotReceiveWithAnyArgs().RollbackAsync(default);
        Assert.Empty(_invalidation.Keys);
    }

    [Fact]
    public async Task A_command_that_runs_without_a_transaction_only_saves_then_removes_its_keys()
    {
        var behavior = Create<PlainSaveCommand>();

        var response = await behavior.Handle(
            new PlainSaveCommand("hello"),
            (_, _) =>
            {
                _steps.Add("handler");
                _invalidation.Invalidate("cache:user:1");
                return ValueTask.FromResult("saved");
            },
            CancellationToken.None);

        Assert.Equal("saved", response);
        Assert.Equal(new[] { "handler", "save", "remove" }, _steps);
        Assert.Equal(new[] { "cache:user:1" }, _removedKeys);
    }

    [Fact]
    public async Task Without_invalidated_keys_nothing_is_removed()
    {
        var response = await _behavior.Handle(
            new PingCommand("hello", 1), (_, _) => ValueTask.FromResult("pong"), CancellationToken.None);

        Assert.Equal("pong", response);
        Assert.Equal(new[] { "begin", "save", "commit" }, _steps);
        await _cache.DidNotReceiveWithAnyArgs().RemoveAsync(default!, default);
    }

    [Fact]
    public async Task Keys_left_over_from_before_the_command_are_not_removed()
    {
        _invalidation.Invalidate("cache:user:stale");

        await _behavior.Handle(
            new PingCommand("hello", 1),
            (_, _) =>
            {
                _invalidation.Invalidate("cache:product:1");
                return ValueTask.FromResult("pong");
            },
            CancellationToken.None);

        Assert.Equal(new[] { "cache:product:1" }, _removedKeys);
    }

    [Fact]
    public async Task A_failing_handler_rolls_back_commits_nothing_and_removes_nothing()
    {
        var failure = new InvalidOperationException("boom");

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => _behavior.Handle(
            new PingCommand("hello", 1),
            (_, _) =>
            {
                _steps.Add("handler");
                _invalidation.Invalidate("cache:product:1");
                throw failure;
            },
            CancellationToken.None).AsTask());

        Assert.Same(failure, exception);
        Assert.Equal(new[] { "begin", "handler", "rollback" }, _steps);
        await _unitOfWork.DidNotReceiveWithAnyArgs().SaveChangesAsync(default);
        await _unitOfWork.DidNotReceiveWithAnyArgs().CommitAsync(default);
        await _cache.DidNotReceiveWithAnyArgs().RemoveAsync(default!, default);
    }

    [Fact]
    public async Task A_failing_save_rolls_back_and_removes_nothing()
    {
        _unitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>()).Returns(_ =>
        {
            _steps.Add("save");
            return Task.FromException(new InvalidOperationException("unique violation"));
        });

        await Assert.ThrowsAsync<InvalidOperationException>(() => _behavior.Handle(
            new PingCommand("hello", 1),
            (_, _) =>
            {
                _invalidation.Invalidate("cache:product:1");
                return ValueTask.FromResult("pong");
            },
            CancellationToken.None).AsTask());

        Assert.Equal(new[] { "begin", "save", "rollback" }, _steps);
        await _unitOfWork.DidNotReceiveWithAnyArgs().CommitAsync(default);
        await _cache.DidNotReceiveWithAnyArgs().RemoveAsync(default!, default);
    }

    [Fact]
    public async Task A_commit_that_failed_without_an_answer_still_removes_the_keys_then_rolls_back()
    {
        var lost = new IOException("connection reset");
        CommitFails(lost, outcomeUnknown: true);

        var exception = await Assert.ThrowsAsync<IOException>(() => _behavior.Handle(
            new PingCommand("hello", 1),
            (_, _) =>
            {
                _invalidation.Invalidate("cache:product:1");
                return ValueTask.FromResult("pong");
            },
            CancellationToken.None).AsTask());

        Assert.Same(lost, exception);
        Assert.Equal(new[] { "begin", "save", "commit", "remove", "rollback" }, _steps);
        Assert.Equal(new[] { "cache:product:1" }, _removedKeys);
    }

    [Fact]
    public async Task A_commit_the_database_refused_removes_nothing()
    {
        CommitFails(new InvalidOperationException("serialization failure"), outcomeUnknown: false);

        await Assert.ThrowsAsync<InvalidOperationException>(() => _behavior.Handle(
            new PingCommand("hello", 1),
            (_, _) =>
            {
                _invalidation.Invalidate("cache:product:1");
                return ValueTask.FromResult("pong");
            },
            CancellationToken.None).AsTask());

        Assert.Equal(new[] { "begin", "save", "commit", "rollback" }, _steps);
        await _cache.DidNotReceiveWithAnyArgs().RemoveAsync(default!, default);
    }

    [Theory]
    [InlineData(true, new[] { "handler", "save", "remove" })]
    [InlineData(false, new[] { "handler", "save" })]
    public async Task A_save_without_a_transaction_that_failed_without_an_answer_removes_its_keys_and_a_refused_one_does_not(
        bool outcomeUnknown, string[] steps)
    {
        _unitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>()).Returns(_ =>
        {
            _steps.Add("save");
            _unitOfWork.CommitOutcomeUnknown.Returns(outcomeUnknown);
            return Task.FromException(new IOException("connection reset"));
        });
        var behavior = Create<PlainSaveCommand>();

        await Assert.ThrowsAsync<IOException>(() => behavior.Handle(
            new PlainSaveCommand("hello"),
            (_, _) =>
            {
                _steps.Add("handler");
                _invalidation.Invalidate("cache:user:1");
                return ValueTask.FromResult("saved");
            },
            CancellationToken.None).AsTask());

        Assert.Equal(steps, _steps);
    }

    private void CommitFails(Exception failure, bool outcomeUnknown) =>
        _unitOfWork.CommitAsync(Arg.Any<CancellationToken>()).Returns(_ =>
        {
            _steps.Add("commit");
            _unitOfWork.CommitOutcomeUnknown.Returns(outcomeUnknown);
            return Task.FromException(failure);
        });

    private Task Step(string name)
    {
        _steps.Add(name);
        return Task.CompletedTask;
    }
}
