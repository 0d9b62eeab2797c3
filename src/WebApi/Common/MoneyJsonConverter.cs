using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shop.WebApi.Common;

/// <summary>Writes every decimal with exactly two decimals (12.5 -> 12.50), as the API's money format says.</summary>
internal sealed class MoneyJsonConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Like the other numbers under the web defaults, a number may arrive as a string ("12.50").
        if (reader.TokenType == JsonTokenType.String && options.NumberHandling.HasFlag(JsonNumberHandling.AllowReadingFromString))
        {
            return decimal.TryParse(reader.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw new JsonException("The value is not a number.");
        }

        return reader.GetDecimal();
    }

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        // Adding 0.00m raises the scale to at least two; rounding caps it at two.
        writer.WriteNumberValue(decimal.Round(value, 2, MidpointRounding.AwayFromZero) + 0.00m);
    }
}
