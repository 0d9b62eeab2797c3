using Mediator;
using Shop.Application.Caching;
using Shop.Application.Errors;
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

    public async ValueTask<UserResponse> Handle(GetCurrentUserQuery query, CancellationToken cancellationToken) =>
        await _cache.GetOrLoadAsync(
                CacheKeys.User(query.UserId), CacheKeys.UserTimeToLive,
                token => _users.GetAsync(query.UserId, token), cancellationToken)
            ?? throw new NotFoundException("User", query.UserId);
}
