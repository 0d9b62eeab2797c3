using Microsoft.EntityFrameworkCore;
using Shop.ArchitectureTests.Offenders.Application.Catalog.Ports;
using Shop.ArchitectureTests.Offenders.Domain.Catalog;

namespace Shop.ArchitectureTests.Offenders.Infrastructure.Catalog;

/// <summary>Catalog's adapter of its own port, on its own table (widgets) through EF Core: breaks no rule.</summary>
internal sealed class WidgetRepository : IWidgetRepository
{
    private readonly WidgetDbContext _context;

    public WidgetRepository(WidgetDbContext context) => _context = context;

    public Task<Widget?> GetByIdAsync(Guid id, CancellationToken cancellationToken) =>
        _context.Set<Widget>().SingleOrDefaultAsync(widget => widget.Id == id, cancellationToken);
}

/// <summary>
/// Catalog's SQL on its own table: breaks no rule by itself (like the real Infrastructure.Catalog.StockStatements);
/// another module's Infrastructure that uses it does (OrderingUsingCatalogInfrastructure).
/// </summary>
internal static class WidgetStatements
{
    // A method, not a const: a const would be copied into its user, which would then not depend on this type.
    public static string TakeOne() => "UPDATE widgets SET stock = stock - 1 WHERE id = $1 AND stock >= 1";
}
