using Microsoft.EntityFrameworkCore;
using Shop.Application.Identity.Ports;
using Shop.Domain.Identity;
using Shop.Infrastructure.Persistence;

namespace Shop.Infrastructure.Identity;

internal sealed class UserRepository : IUserRepository
{
    private readonly ShopDbContext _context;

    public UserRepository(ShopDbContext context) => _context = context;

    public Task<User?> GetByIdAsync(Guid id, CancellationToken cancellationToken) =>
        _context.Set<User>().FirstOrDefaultAsync(user => user.Id == id, cancellationToken);

    public Task<User?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        _context.Set<User>().FirstOrDefaultAsync(user => user.Email == normalizedEmail, cancellationToken);

    public Task<bool> EmailExistsAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        _context.Set<User>().AnyAsync(user => user.Email == normalizedEmail, cancellationToken);

    public void Add(User user) => _context.Set<User>().Add(user);
}
