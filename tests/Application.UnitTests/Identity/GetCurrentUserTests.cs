using NSubstitute;
using Shop.Application.Caching;
using Shop.Application.Errors;
using Shop.Application.Identity;
using Shop.Application.Identity.GetCurrentUser;
using Shop.Application.Identity.Ports;
using Shop.Application.UnitTests.Support;

namespace Shop.Application.UnitTests.Identity;

/// <summary>What the handler asks of its ports: the cache under the user's key and lifetime, the queries on a miss.</summary>
public sealed class GetCurrentUserTests
{
    private static readonly UserResponse Ann =
        new(TestData.UserId, "ann@example.com", "Ann", TestData.NowStored, TestData.NowStored);

    private readonly string _key = $"cache:user:{TestData.UserId}";
    private readonly IUserQueries _users = Substitute.For<IUserQueries>();
    private readonly ICache _cache = Substitute.For<ICache>();
    private readonly GetCurrentUserHandler _handler;

    public GetCurrentUserTests() => _handler = new GetCurrentUserHandler(_users, _cache);

    [Fact]
    public async Task Asks_the_cache_for_the_users_key_for_one_hour_and_answers_what_it_holds_without_asking_the_database()
    {
        using var request = new CancellationTokenSource();
        var cached = Ann with { Name = "Ann (cached)" };
        _cache.GetOrLoadAsync(_key, TimeSpan.FromHours(1), Arg.Any<Func<CancellationToken, Task<UserResponse?>>>(), request.Token)
            .Returns(cached);

        var response = await _handler.Handle(new GetCurrentUserQuery(TestData.UserId), request.Token);

        Assert.Same(cached, response);
        await _cache.ReceivedWithAnyArgs(1).GetOrLoadAsync<UserResponse>(default!, default, default!, default);
        await _users.DidNotReceiveWithAnyArgs().GetAsync(default, default);
    }

    [Fact]
    public async Task On_a_miss_the_cache_loads_the_user_from_the_queries_with_the_token_it_passes()
    {
        using var load = new CancellationTokenSource();
        _users.GetAsync(TestData.UserId, load.Token).Returns(Ann);
        MissesAndLoadsWith(load.Token);

        var response = await _handler.Handle(new GetCurrentUserQuery(TestData.UserId), CancellationToken.None);

        Assert.Same(Ann, response);
        await _users.Received(1).GetAsync(TestData.UserId, load.Token);
    }

    [Fact]
    public async Task An_unknown_user_loads_as_nothing_and_is_not_found()
    {
        _users.GetAsync(TestData.UserId, Arg.Any<CancellationToken>()).Returns((UserResponse?)null);
        MissesAndLoadsWith(CancellationToken.None);

        var exception = await Assert.ThrowsAsync<NotFoundException>(() =>
            _handler.Handle(new GetCurrentUserQuery(TestData.UserId), CancellationToken.None).AsTask());

        Assert.Equal($"User '{TestData.UserId}' was not found.", exception.Message);
        await _users.Received(1).GetAsync(TestData.UserId, Arg.Any<CancellationToken>());
    }

    /// <summary>A cache that holds nothing for the user's key: it answers what the handler's loader returns.</summary>
    private void MissesAndLoadsWith(CancellationToken token) =>
        _cache.GetOrLoadAsync(_key, TimeSpan.FromHours(1), Arg.Any<Func<CancellationToken, Task<UserResponse?>>>(), Arg.Any<CancellationToken>())
            .Returns(call => call.Arg<Func<CancellationToken, Task<UserResponse?>>>()(token));
}
