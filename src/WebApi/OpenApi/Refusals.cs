using Shop.WebApi.Http.Problems;

namespace Shop.WebApi.OpenApi;

/// <summary>Endpoint metadata: the causes (problem types) the endpoint itself may refuse with, beyond those every route shares.</summary>
internal sealed record Refusals(IReadOnlyList<ProblemType> Causes);

internal static class RefusalsExtensions
{
    /// <summary>Declares the endpoint's own causes of refusal: <see cref="OperationConventions"/> documents a problem response per status, listing them.</summary>
    public static RouteHandlerBuilder Refuses(this RouteHandlerBuilder builder, params ProblemType[] causes) =>
        builder.WithMetadata(new Refusals(causes));
}
