using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Application.Identity;
using Shop.Application.Identity.ChangePassword;
using Shop.Application.Identity.CreateSession;
using Shop.Application.Identity.EndAllSessions;
using Shop.Application.Identity.EndSession;
using Shop.Application.Identity.GetCurrentUser;
using Shop.Application.Identity.RegisterUser;
using Shop.Application.Identity.RenameUser;
using Shop.WebApi.Http.Authentication;
using Shop.WebApi.Http.CacheControl;
using Shop.WebApi.Http.ClientAddresses;
using Shop.WebApi.Http.ConcurrencyLimiting;
using Shop.WebApi.Http.Problems;
using Shop.WebApi.OpenApi;

namespace Shop.WebApi.Identity;

internal static class IdentityEndpoints
{
    public static IEndpointRouteBuilder MapIdentityEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").WithTags("Users").WithNoStore();
        users.MapPost("/", Register).WithName("RegisterUser")
            .WithSummary("Register")
            .WithDescription("Creates a customer account. One answer (409) for any e-mail that cannot be registered. Limited per client address.").LimitPasswordHashing()
            .ProducesValidationProblem().Refuses(ProblemTypes.EmailTaken, ProblemTypes.TooManyRegistrations)
            .WithMetadata(new AlsoThrottled("over Shop:RegistrationThrottle:PermitsPerWindow registrations from the client IP "
                + "within Shop:RegistrationThrottle:Window (default 20 an hour)"));
        users.MapGet("/me", GetMe).WithName("GetCurrentUser")
            .WithSummary("Get my profile")
            .WithDescription("The signed-in user's profile.").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).Refuses(ProblemTypes.UserNotFound);
        users.MapPatch("/me", Rename).WithName("RenameUser")
            .WithSummary("Rename me")
            .WithDescription("Changes the signed-in user's display name.").RequireAuthorization()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).Refuses(ProblemTypes.UserNotFound);
        users.MapPut("/me/password", ChangePassword).WithName("ChangePassword")
            .WithSummary("Change my password")
            .WithDescription("Checks the current password (a wrong one counts as a failed login), sets the new one and ends every other session of the user.").LimitPasswordHashing().RequireAuthorization()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized)
            .Refuses(ProblemTypes.TooManyFailedLogins, ProblemTypes.TooManyFailedLoginsFromAddress)
            .WithMetadata(new AlsoThrottled("after Shop:LoginThrottle failed logins for the account or from the client IP: "
                + "a wrong current password counts as a failed login"));

        var sessions = app.MapGroup("/api/sessions").WithTags("Sessions").WithNoStore();
        sessions.MapPost("/", LogIn).WithName("CreateSession")
            .WithSummary("Log in")
            .WithDescription("Trades an e-mail and password for a bearer token valid for 24 hours. Failed logins are throttled per account and per client address.").LimitPasswordHashing()
            .ProducesValidationProblem()
            .Refuses(ProblemTypes.InvalidCredentials, ProblemTypes.TooManyFailedLogins, ProblemTypes.TooManyFailedLoginsFromAddress)
            .WithMetadata(new AlsoThrottled("after Shop:LoginThrottle:MaxFailures failed logins for the e-mail within "
                + "Shop:LoginThrottle:Window (default 10 in 15 minutes) from addresses that have not signed in to it, the right "
                + "password included, or Shop:LoginThrottle:MaxFailuresPerAddress from the client IP (default 50), "
                + "answered alike whether or not the account exists"));
        sessions.MapDelete("/", LogOutEverywhere).WithName("EndAllSessions")
            .WithSummary("Log out everywhere")
            .WithDescription("Ends every session of the signed-in user, this one included.").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        sessions.MapDelete("/current", LogOut).WithName("EndSession")
            .WithSummary("Log out")
            .WithDescription("Ends the session whose token the request carries.").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return app;
    }

    private static async Task<Created<UserResponse>> Register(
        RegisterUserRequest request, HttpContext context, ISender sender, CancellationToken cancellationToken)
    {
        var clientAddress = context.ClientKeyOf();
        var user = await sender.Send(
            new RegisterUserCommand(request.Email, request.Name, request.Password, ClientAddress: clientAddress), cancellationToken);
        return TypedResults.Created("/api/users/me", user);
    }

    private static async Task<Ok<UserResponse>> GetMe(ClaimsPrincipal principal, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetCurrentUserQuery(principal.UserId()), cancellationToken));

    private static async Task<Ok<UserResponse>> Rename(
        RenameUserRequest request, ClaimsPrincipal principal, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new RenameUserCommand(principal.UserId(), request.Name), cancellationToken));

    private static async Task<NoContent> ChangePassword(
        ChangePasswordRequest request, HttpContext context, ISender sender, CancellationToken cancellationToken)
    {
        var clientAddress = context.ClientKeyOf();
        await sender.Send(
            new ChangePasswordCommand(context.User.UserId(), BearerAuthentication.TokenOf(context.Request), request.CurrentPassword, request.NewPassword, clientAddress),
            cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Created<SessionResponse>> LogIn(
        CreateSessionRequest request, HttpContext context, ISender sender, CancellationToken cancellationToken)
    {
        var clientAddress = context.ClientKeyOf();
        var session = await sender.Send(new CreateSessionCommand(request.Email, request.Password, clientAddress), cancellationToken);
        return TypedResults.Created("/api/sessions/current", session);
    }

    private static async Task<NoContent> LogOut(HttpRequest request, ISender sender, CancellationToken cancellationToken)
    {
        await sender.Send(new EndSessionCommand(BearerAuthentication.TokenOf(request)), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> LogOutEverywhere(ClaimsPrincipal principal, ISender sender, CancellationToken cancellationToken)
    {
        await sender.Send(new EndAllSessionsCommand(principal.UserId()), cancellationToken);
        return TypedResults.NoContent();
    }
}

internal sealed record RegisterUserRequest(string? Email, string? Name, string? Password);

internal sealed record RenameUserRequest(string? Name);

internal sealed record CreateSessionRequest(string? Email, string? Password);

internal sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);
