using Microsoft.EntityFrameworkCore;
using Shop.Application.Identity;
using Shop.Application.Identity.Ports;
using Shop.Domain.Identity;
using Shop.Infrastructure.Common.Persistence;

namespace Shop.Infrastructure.Identity;

internal sealed class UserQueries : IUserQueries
{
    private readonly ShopReadDbContext _context;

    public UserQueries(ShopReadDbContext context) => _context = context;

    public Task<UserResponse?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        _context.Set<User>().AsNoTracking()
            .Where(user => user.Id == id)
            .Select(user => new UserResponse(user.Id, user.Email, user.Name, user.CreatedAt, user.UpdatedAt))
            .FirstOrDefaultAsync(cancellationToken);
}
