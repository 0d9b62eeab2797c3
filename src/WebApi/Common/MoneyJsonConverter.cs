using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shop.WebApi.Common;

/// <summary>Writes every decimal with exactly two decimals (12.5 -> 12.50), as the API's money format says.</summary>
internal sealed class MoneyJsonConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        // Adding 0.00m raises the scale to at least two; rounding caps it at two.
        writer.WriteNumberValue(decimal.Round(value, 2, MidpointRounding.AwayFromZero) + 0.00m);
    }
}
