using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Shop.Application.Catalog;
using Shop.Application.Pagination;
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

    public const string MoneyDescription = "Money: a decimal number with at most two decimal places; answers always carry two.";

    public static Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (type == typeof(decimal))
        {
            // Money: MoneyJsonConverter hides the type from the generator. "decimal" makes Kiota and NSwag generate
            // decimal, not double; no multipleOf, which binary-float validators misjudge (69.99 is not 0.01 × n to them).
            schema.Type = JsonSchemaType.Number;
            schema.Format = "decimal";
            schema.MultipleOf = null;
            schema.Description ??= MoneyDescription;
        }
        else if (type == typeof(int) || type == typeof(long))
        {
            // The Web defaults also read "12" as 12; the contract promises plain JSON integers (or null where nullable).
            schema.Type = JsonSchemaType.Integer | (schema.Type & JsonSchemaType.Null);
            schema.Format = type == typeof(int) ? "int32" : "int64";
            schema.Pattern = null;
        }
        else if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(PagedResponse<>))
        {
            DescribePage(schema, type == typeof(PagedResponse<ProductResponse>));
        }
        else if (OptionalProperties.TryGetValue(type, out var optional))
        {
            foreach (var name in optional)
            {
                schema.Required?.Remove(name);
            }
        }

        SchemaConstraints.Apply(type, schema);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The product page always writes totalCountIsEstimate and writes nextCursor only when a next page exists;
    /// other pages write neither (the fields are omitted when null).
    /// </summary>
    private static void DescribePage(OpenApiSchema schema, bool isProductPage)
    {
        const string estimate = "totalCountIsEstimate";
        const string cursor = "nextCursor";
        if (schema.Properties is null)
        {
            return;
        }

        if (!isProductPage)
        {
            schema.Properties.Remove(estimate);
            schema.Properties.Remove(cursor);
            return;
        }

        if (schema.Properties.TryGetValue(estimate, out var estimateSchema) && estimateSchema is OpenApiSchema flag)
        {
            flag.Type = JsonSchemaType.Boolean;
            schema.Required?.Add(estimate);
        }

        if (schema.Properties.TryGetValue(cursor, out var cursorSchema) && cursorSchema is OpenApiSchema next)
        {
            next.Type = JsonSchemaType.String;
        }
    }
}
