using Kiota = Shop.ClientScenario.Generated.Models;
using NSwag = Shop.ClientScenario.NSwag;

namespace Shop.ClientScenario;

/// <summary>
/// Compiles only while both clients generated from the document type every money field as decimal: there is no
/// implicit conversion from double.
/// </summary>
internal static class MoneyIsDecimal
{
    internal static decimal?[] KiotaFields(
        Kiota.ProductResponse product, Kiota.CreateProductRequest create, Kiota.UpdateProductRequest update,
        Kiota.OrderResponse order, Kiota.LineItemResponse line, Kiota.PaymentRequest payment) =>
        [product.Price, create.Price, update.Price, order.Total, line.UnitPrice, line.Subtotal, payment.Amount];

    internal static decimal?[] NSwagFields(
        NSwag.ProductResponse product, NSwag.CreateProductRequest create, NSwag.UpdateProductRequest update,
        NSwag.OrderResponse order, NSwag.LineItemResponse line, NSwag.PaymentRequest payment) =>
        [product.Price, create.Price, update.Price, order.Total, line.UnitPrice, line.Subtotal, payment.Amount];
}
