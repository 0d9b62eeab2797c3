using Mediator;
using Shop.Application.Common;
using Shop.Application.Common.Errors;
using Shop.Application.Common.Ports;
using Shop.Application.Identity.Ports;

namespace Shop.Application.Identity.GetCurrentUser;

public sealed record GetCurrentUserQuery(Guid UserId) : IQuery<UserResponse>;

internal sealed class GetCurrentUserHandler : IQueryHandler<GetCurrentUserQuery, UserResponse>
{
    private readonly IUserQueries _users;
    private readonly ICache _cache;

    public GetCurrentUserHandler(IUserQueries users, ICache cache)
    {
        _users = users;
        _cache = cache;
    }

    public async ValueTask<UserResponse> Handle(GetCurrentUserQuery query, CancellationToken cancellationToken)
    {
        var key = CacheKeys.User(query.UserId);
        var cached = await _cache.GetAsync<UserResponse>(key, cancellationToken).ConfigureAwait(false);
        if (cached is not null)
        {
            return cached;
        }

        var user = await _users.GetAsync(query.UserId, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException("User", query.UserId);
        await _cache.SetAsync(key, user, CacheKeys.UserTimeToLive, cancellationToken).ConfigureAwait(false);
        return user;
    }
}
