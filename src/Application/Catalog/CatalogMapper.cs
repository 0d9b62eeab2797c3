using Riok.Mapperly.Abstractions;
using Shop.Domain.Catalog;

namespace Shop.Application.Catalog;

[Mapper]
internal static partial class CatalogMapper
{
    [MapPropertyFromSource(nameof(ProductResponse.IsAvailable), Use = nameof(InStock))]
    public static partial ProductResponse ToResponse(this Product product);

    private static bool InStock(Product product) => product.IsInStock();
}
