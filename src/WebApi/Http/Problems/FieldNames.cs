namespace Shop.WebApi.Http.Problems;

internal static class FieldNames
{
    /// <summary>"Items[0].Quantity" -> "items[0].quantity", as a client names the field.</summary>
    public static string CamelCase(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));
}
