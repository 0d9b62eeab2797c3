using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Shop.WebApi.Http.Json;

namespace Shop.WebApi.Http.Problems;

/// <summary>
/// A request the framework could not bind, told apart by structure: the status code, the inner exception's type,
/// the JSON path, and the endpoint's own parameter metadata. A reworded framework message changes nothing here.
/// </summary>
internal static class BadRequestProblems
{
    private const string WrongTypeOrRange = "Has the wrong type, or is a number outside what the field can hold (see the OpenAPI schema).";

    public static ProblemDetails For(BadHttpRequestException exception, HttpContext context) => exception switch
    {
        { InnerException: JsonException json } => ForJson(json),
        { StatusCode: StatusCodes.Status415UnsupportedMediaType } =>
            ProblemMapping.Problem(ProblemTypes.UnsupportedMediaType, "The request body must be JSON (Content-Type: application/json)."),
        { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            ProblemMapping.Problem(ProblemTypes.PayloadTooLarge, "The request body is too large."),
        { StatusCode: StatusCodes.Status400BadRequest } when UnparsableParameter(context) is { } parameter =>
            ProblemMapping.Validation(new() { [parameter.Name] = [$"Must be {Expected(parameter.ParameterInfo.ParameterType)}."] }),
        { StatusCode: StatusCodes.Status400BadRequest } when AcceptsBody(context) =>
            ProblemMapping.Problem(ProblemTypes.MalformedRequest, "A JSON request body is required."),
        _ => ProblemMapping.Problem(ProblemTypes.ForStatus(exception.StatusCode), "The request could not be read."),
    };

    // A value that does not fit its field is a field error; text that is not JSON at all (the reader's own error,
    // e.g. NaN or a missing value) has no field to blame.
    private static ProblemDetails ForJson(JsonException json) => json switch
    {
        { Path: { Length: > 2 } path } when path.StartsWith("$.", StringComparison.Ordinal) && !IsMalformedJson(json) =>
            ProblemMapping.Validation(new() { [FieldOf(json, path)] = [RefusalOf(json)] }),
        { Path: null or "" or "$" } => ProblemMapping.Problem(ProblemTypes.MalformedRequest, "The request body is not valid JSON for this route."),
        _ => ProblemMapping.Problem(ProblemTypes.MalformedRequest, $"The request body is not valid JSON for this route (at {json.Path})."),
    };

    // An array past its bound is blamed as a whole ("items"), not at the element where reading stopped ("items[100]").
    private static string FieldOf(JsonException json, string path)
    {
        var field = FieldNames.CamelCase(path[2..]);
        return json is TooManyElementsException && field.EndsWith(']') && field.LastIndexOf('[') is > 0 and var at ? field[..at] : field;
    }

    private static string RefusalOf(JsonException json) => json switch
    {
        MoneyFormatException => MoneyJsonConverter.Refusal,
        TooManyElementsException tooMany => tooMany.Message,
        _ => WrongTypeOrRange,
    };

    // System.Text.Json wraps the reader's own exception (a JsonException subtype) when the text is not JSON;
    // a value of the wrong type or range carries a FormatException, an InvalidOperationException, or nothing.
    private static bool IsMalformedJson(JsonException json) => json.InnerException is JsonException;

    /// <summary>The first query or route parameter of the endpoint whose value does not parse as its type.</summary>
    private static IParameterBindingMetadata? UnparsableParameter(HttpContext context)
    {
        var parameters = EndpointOf(context)?.Metadata.GetOrderedMetadata<IParameterBindingMetadata>() ?? [];
        var routeValues = context.Features.Get<IExceptionHandlerFeature>()?.RouteValues ?? context.Request.RouteValues;
        foreach (var parameter in parameters.Where(parameter => parameter.HasTryParse))
        {
            var value = routeValues.TryGetValue(parameter.Name, out var routeValue)
                ? routeValue?.ToString()
                : context.Request.Query[parameter.Name].ToString();
            if (!string.IsNullOrEmpty(value) && !Parses(parameter.ParameterInfo.ParameterType, value))
            {
                return parameter;
            }
        }

        return null;
    }

    private static bool Parses(Type type, string value)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(string))
        {
            return true;
        }

        var tryParse = target.GetMethod(
            "TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(IFormatProvider), target.MakeByRefType()]);
        if (tryParse is null)
        {
            return true;
        }

        object?[] arguments = [value, CultureInfo.InvariantCulture, null];
        return (bool)tryParse.Invoke(null, arguments)!;
    }

    private static bool AcceptsBody(HttpContext context) =>
        EndpointOf(context)?.Metadata.GetMetadata<IAcceptsMetadata>() is not null;

    // The exception handler clears the endpoint and route values before it runs; its feature keeps them.
    private static Endpoint? EndpointOf(HttpContext context) =>
        context.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? context.GetEndpoint();

    private static string Expected(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(int) || t == typeof(long) => "a whole number",
        var t when t == typeof(decimal) => "a number",
        var t when t == typeof(Guid) => "a UUID",
        _ => "a value of the right type",
    };
}
