using Microsoft.EntityFrameworkCore;
using Shop.Application.Webhooks.Ports;
using Shop.Domain.Webhooks;
using Shop.Infrastructure.Persistence;

namespace Shop.Infrastructure.Webhooks;

internal sealed class WebhookRepository : IWebhookRepository
{
    private readonly ShopDbContext _context;

    public WebhookRepository(ShopDbContext context) => _context = context;

    public void Add(WebhookSubscription subscription) => _context.Set<WebhookSubscription>().Add(subscription);

    // One statement in the command's transaction; the foreign keys' ON DELETE CASCADE removes the deliveries.
    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken) =>
        await _context.Set<WebhookSubscription>().Where(subscription => subscription.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;
}
