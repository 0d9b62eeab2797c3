using System.Text.RegularExpressions;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Shop.Application.Common.Errors;
using Shop.Domain.Common;
using Shop.Domain.Ordering;

namespace Shop.WebApi.Common;

/// <summary>The one place where expected failures become problem+json responses.</summary>
internal sealed partial class ProblemMapping : IExceptionHandler
{
    private const string RetryAfterSeconds = "5";

    private readonly IProblemDetailsService _problems;

    public ProblemMapping(IProblemDetailsService problems) => _problems = problems;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = ToProblem(exception);
        if (problem is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
        }

        return await _problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    internal static ProblemDetails? ToProblem(Exception exception) => exception switch
    {
        ValidationException validation => Validation(validation.Errors
            .GroupBy(error => CamelCase(error.PropertyName))
            .ToDictionary(group => group.Key, group => group.Select(error => error.ErrorMessage).Distinct().ToArray())),
        DomainValidationException domain => Validation(new() { [domain.Field] = [domain.Message] }),
        NotFoundException => Problem(StatusCodes.Status404NotFound, "Not found", exception.Message),
        ConflictException or DomainConflictException => Problem(StatusCodes.Status409Conflict, "Conflict", exception.Message),
        PaymentAmountMismatchException => Problem(StatusCodes.Status422UnprocessableEntity, "Wrong payment amount", exception.Message),
        InvalidCredentialsException => Problem(StatusCodes.Status401Unauthorized, "Unauthorized", exception.Message),
        ServiceUnavailableException => Problem(StatusCodes.Status503ServiceUnavailable, "Service unavailable", exception.Message),
        BadHttpRequestException badRequest => BadRequest(badRequest),
        _ when IsTransientDatabaseFailure(exception) => Problem(
            StatusCodes.Status503ServiceUnavailable, "Service unavailable", "The database is unavailable right now; retry shortly."),
        _ => null,
    };

    // A body field or query parameter of the wrong type or out of its type's range is a field error like any other.
    private static ProblemDetails BadRequest(BadHttpRequestException exception) => exception switch
    {
        { InnerException: System.Text.Json.JsonException { Path: { Length: > 2 } path } json }
            when path.StartsWith("$.", StringComparison.Ordinal) && FieldMessage(json) is { } message =>
            Validation(new() { [CamelCase(path[2..])] = [message] }),
        _ when BindFailure().Match(exception.Message) is { Success: true } bind =>
            Validation(new() { [bind.Groups["name"].Value] = [$"Must be {Expected(bind.Groups["type"].Value)}."] }),
        _ => Problem(exception.StatusCode, "Bad request", BadRequestDetail(exception)),
    };

    // A value that does not fit its field, as opposed to text that is not JSON at all (null: no field to blame).
    // The serializer's message names the request record, not the field's type, so it is not passed on.
    private static string? FieldMessage(System.Text.Json.JsonException exception) => exception.Message switch
    {
        var text when text.StartsWith("The JSON value could not be converted to ", StringComparison.Ordinal) =>
            "Has the wrong type, or is a number outside what the field can hold (see the OpenAPI schema).",
        var text when text.StartsWith(MoneyJsonConverter.Refusal, StringComparison.Ordinal) => MoneyJsonConverter.Refusal,
        _ => null,
    };

    // The binder names the parameter's C# type ("int page").
    private static string Expected(string type) => type.TrimEnd('?') switch
    {
        "int" or "long" => "a whole number",
        "decimal" => "a number",
        "Guid" => "a UUID",
        _ => "a value of the right type",
    };

    private static bool IsTransientDatabaseFailure(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is System.Data.Common.DbException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex("^Failed to bind parameter \"(?<type>\\S+) (?<name>[^\"]+)\" from \".*\"\\.$", RegexOptions.Singleline, 1000)]
    private static partial Regex BindFailure();

    private static ProblemDetails Problem(int status, string title, string detail) =>
        new() { Status = status, Title = title, Detail = detail };

    private static HttpValidationProblemDetails Validation(Dictionary<string, string[]> errors) =>
        new(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more validation errors occurred.",
            Detail = "See the errors object for each invalid field.",
        };

    // Framework messages name internal types; say what the client can fix instead.
    private static string BadRequestDetail(BadHttpRequestException exception) => exception switch
    {
        { InnerException: System.Text.Json.JsonException json } => string.IsNullOrEmpty(json.Path) || json.Path == "$"
            ? "The request body is not valid JSON for this route."
            : $"The request body is not valid JSON for this route (at {json.Path}).",
        { StatusCode: StatusCodes.Status415UnsupportedMediaType } => "The request body must be JSON (Content-Type: application/json).",
        { StatusCode: StatusCodes.Status413PayloadTooLarge } => "The request body is too large.",
        _ when exception.Message.StartsWith("Implicit body inferred", StringComparison.Ordinal)
            || (exception.Message.StartsWith("Required parameter", StringComparison.Ordinal)
                && exception.Message.EndsWith("from body.", StringComparison.Ordinal)) => "A JSON request body is required.",
        _ => exception.Message,
    };

    // "Items[0].Quantity" -> "items[0].quantity", as a client names the field.
    private static string CamelCase(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));
}
