using Riok.Mapperly.Abstractions;
using Shop.Domain.Ordering;

namespace Shop.Application.Ordering;

[Mapper]
internal static partial class OrderingMapper
{
    public static partial OrderResponse ToResponse(this Order order);

    [MapperIgnoreSource(nameof(LineItem.OrderId))]
    [MapPropertyFromSource(nameof(LineItemResponse.Subtotal), Use = nameof(Subtotal))]
    private static partial LineItemResponse ToResponse(LineItem item);

    private static decimal Subtotal(LineItem item) => item.GetSubtotal();

    private static string StatusName(OrderStatus status) => status.ToName();
}
