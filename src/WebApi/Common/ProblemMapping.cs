using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Shop.Application.Common.Errors;
using Shop.Domain.Common;
using Shop.Domain.Ordering;

namespace Shop.WebApi.Common;

/// <summary>The one place where expected failures become problem+json responses.</summary>
internal sealed class ProblemMapping : IExceptionHandler
{
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
        return await _problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        }).ConfigureAwait(false);
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
        BadHttpRequestException badRequest => Problem(badRequest.StatusCode, "Bad request", BadRequestDetail(badRequest)),
        _ => null,
    };

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
        _ when exception.Message.Contains("body", StringComparison.OrdinalIgnoreCase) => "A JSON request body is required.",
        _ => exception.Message,
    };

    // "Items[0].Quantity" -> "items[0].quantity", as a client names the field.
    private static string CamelCase(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));
}
