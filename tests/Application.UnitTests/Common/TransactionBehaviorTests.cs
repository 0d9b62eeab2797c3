using NSubstitute;
using Shop.Application.Behaviors;
using Shop.Application.Caching;
using Shop.Application.Persistence;

namespace Shop.Application.UnitTests.Common;

public sealed class TransactionBehaviorTests
{
    private readonly List<string> _steps = [];
    private readonly IUnitOfWork _unitOfWork = Substitute.For<IUnitOfWork>();
    private readonly ICache _cache = Substitute.For<ICache>();
    private readonly CacheInvalidation _invalidation = new();
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
        _behavior = new TransactionBehavior<PingCommand, string>(_unitOfWork, _invalidation, _cache);
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
        var behavior = new TransactionBehavior<PlainSaveCommand, string>(_unitOfWork, _invalidation, _cache);

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
        var behavior = new TransactionBehavior<PlainSaveCommand, string>(_unitOfWork, _invalidation, _cache);

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
