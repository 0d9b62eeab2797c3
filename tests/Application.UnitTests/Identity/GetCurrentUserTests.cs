using NSubstitute;
using Shop.Application.Caching;
using Shop.Application.EdgePorts;
using Shop.Application.Errors;
using Shop.Application.Identity;
using Shop.Application.Identity.GetCurrentUser;
using Shop.Application.Identity.Ports;
using Shop.Application.Persistence;
using Shop.Application.UnitTests.Support;

namespace Shop.Application.UnitTests.Identity;

public sealed class GetCurrentUserTests
{
    private static readonly UserResponse Ann =
        new(TestData.UserId, "ann@example.com", "Ann", TestData.NowStored, TestData.NowStored);

    private readonly string _key = $"cache:user:{TestData.UserId}";
    private readonly IUserQueries _users = Substitute.For<IUserQueries>();
    private readonly InMemoryCache _cache = new();
    private readonly GetCurrentUserHandler _handler;

    public GetCurrentUserTests() => _handler = new GetCurrentUserHandler(_users, _cache);

    [Fact]
    public async Task A_cache_hit_is_returned_without_asking_the_database()
    {
        var cached = Ann with { Name = "Ann (cached)" };
        _cache.Put(_key, cached, TimeSpan.FromMinutes(1));

        var response = await _handler.Handle(new GetCurrentUserQuery(TestData.UserId), CancellationToken.None);

        Assert.Same(cached, response);
        await _users.DidNotReceiveWithAnyArgs().GetAsync(default, default);
    }

    [Fact]
    public async Task A_cache_miss_reads_the_user_and_caches_it_for_one_hour()
    {
        _users.GetAsync(TestData.UserId, Arg.Any<CancellationToken>()).Returns(Ann);

        var response = await _handler.Handle(new GetCurrentUserQuery(TestData.UserId), CancellationToken.None);

        Assert.Same(Ann, response);
        await _users.Received(1).GetAsync(TestData.UserId, Arg.Any<CancellationToken>());
        Assert.Equal(((object)Ann, TimeSpan.FromHours(1)), _cache.Entries[_key]);
    }

    [Fact]
    public async Task An_unknown_user_is_not_found_and_nothing_is_cached()
    {
        _users.GetAsync(TestData.UserId, Arg.Any<CancellationToken>()).Returns((UserResponse?)null);

        var exception = await Assert.ThrowsAsync<NotFoundException>(() =>
            _handler.Handle(new GetCurrentUserQuery(TestData.UserId), CancellationToken.None).AsTask());

        Assert.Equal($"User '{TestData.UserId}' was not found.", exception.Message);
        Assert.Empty(_cache.Entries);
    }
}
