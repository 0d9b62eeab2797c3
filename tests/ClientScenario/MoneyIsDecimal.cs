using Shop.ClientScenario.Generated.Models;

namespace Shop.ClientScenario;

/// <summary>
/// Compiles only while the client generated from the document types every money field as decimal: there is no
/// implicit conversion from double.
/// </summary>
internal static class MoneyIsDecimal
{
    internal static decimal?[] Fields(
        ProductResponse product, CreateProductRequest create, UpdateProductRequest update, OrderResponse order,
        LineItemResponse line, PaymentRequest payment) =>
        [product.Price, create.Price, update.Price, order.Total, line.UnitPrice, line.Subtotal, payment.Amount];
}
