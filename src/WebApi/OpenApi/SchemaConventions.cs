using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Shop.Application.Catalog;
using Shop.WebApi.Catalog;

namespace Shop.WebApi.OpenApi;

/// <summary>Schemas as the API really reads and writes them, where the generated ones say otherwise.</summary>
internal static class SchemaConventions
{
    /// <summary>Properties api.md marks optional (`description?`), though records make every constructor parameter required.</summary>
    private static readonly Dictionary<Type, string[]> OptionalProperties = new()
    {
        [typeof(CreateProductRequest)] = ["description"],
        [typeof(UpdateProductRequest)] = ["description"],
        [typeof(ProductResponse)] = ["description"],
    };

    public static Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (type == typeof(decimal))
        {
            // Money: MoneyJsonConverter hides the type from the generator; it writes a number with two decimals.
            schema.Type = JsonSchemaType.Number;
            schema.Format = null;
            schema.MultipleOf = 0.01m;
        }
        else if (type == typeof(int) || type == typeof(long))
        {
            // The Web defaults also read "12" as 12; the contract promises plain JSON integers.
            schema.Type = JsonSchemaType.Integer;
            schema.Format = type == typeof(int) ? "int32" : "int64";
            schema.Pattern = null;
        }
        else if (OptionalProperties.TryGetValue(type, out var optional))
        {
            foreach (var name in optional)
            {
                schema.Required?.Remove(name);
            }
        }

        return Task.CompletedTask;
    }
}
