namespace Shop.WebApi.Http.Problems;

/// <summary>One cause of a refusal: its stable code, its status, and a title that is the same for every instance.</summary>
/// <param name="Code">Kebab-case; the problem's <c>type</c> is <c>/problems/{Code}</c>.</param>
/// <param name="Status">The HTTP status it is answered with.</param>
/// <param name="Title">The problem's <c>title</c>, the same for every instance of the cause.</param>
/// <param name="Description">What the cause means, for its page and docs/api.md.</param>
internal sealed record ProblemType(string Code, int Status, string Title, string Description)
{
    public const string PathPrefix = "/problems/";

    /// <summary>The problem's <c>type</c>: a URI reference relative to the API, the same on every host, served as a page.</summary>
    public string Uri => PathPrefix + Code;
}

/// <summary>
/// Every cause the API refuses a request for, in one list: the problem mapping, the pages under /problems, docs/api.md
/// and the OpenAPI document all read it. A program tells causes apart by <c>type</c>, never by <c>detail</c>.
/// </summary>
internal static class ProblemTypes
{
    public static readonly ProblemType ValidationFailed = new("validation-failed", 400, "Invalid fields",
        "One or more fields break a rule; `errors` maps each field (camelCase) to its messages.");
    public static readonly ProblemType MalformedRequest = new("malformed-request", 400, "Unreadable request",
        "The body is not JSON for this route, or a required body is missing.");
    public static readonly ProblemType InvalidIdempotencyKey = new("invalid-idempotency-key", 400, "Invalid Idempotency-Key",
        "The Idempotency-Key header must be one value of 1 to 255 characters.");
    public static readonly ProblemType AuthenticationRequired = new("authentication-required", 401, "Authentication required",
        "The route needs `Authorization: Bearer <token>` with a token that is known and not expired.");
    public static readonly ProblemType InvalidCredentials = new("invalid-credentials", 401, "Wrong e-mail or password",
        "The same answer for an unknown e-mail and a wrong password.");
    public static readonly ProblemType Forbidden = new("forbidden", 403, "Not allowed",
        "The caller is signed in but may not do this (managing the catalog or webhooks needs an administrator).");
    public static readonly ProblemType RouteNotFound = new("route-not-found", 404, "No such route",
        "No route matches the method and path (a route id that is not a UUID included).");
    public static readonly ProblemType ProductNotFound = new("product-not-found", 404, "Product not found",
        "No product has this id.");
    public static readonly ProblemType OrderNotFound = new("order-not-found", 404, "Order not found",
        "No order of the caller has this id (another user's order is not found either).");
    public static readonly ProblemType WebhookNotFound = new("webhook-not-found", 404, "Webhook not found",
        "No webhook subscription has this id.");
    public static readonly ProblemType UserNotFound = new("user-not-found", 404, "User not found",
        "The signed-in user's account no longer exists.");
    public static readonly ProblemType MethodNotAllowed = new("method-not-allowed", 405, "Method not allowed",
        "The path exists but not with this method; the `Allow` header lists the methods it takes.");
    public static readonly ProblemType EmailTaken = new("email-taken", 409, "E-mail cannot be registered",
        "One answer for any e-mail that cannot be registered, whoever holds it.");
    public static readonly ProblemType OrderNotPending = new("order-not-pending", 409, "Order not pending",
        "The order is paid or cancelled; only a pending order can be paid, changed or cancelled.");
    public static readonly ProblemType OrderExpired = new("order-expired", 409, "Order expired",
        "The order stayed pending past Shop:Orders:PendingExpiry; it can no longer be paid or changed.");
    public static readonly ProblemType InsufficientStock = new("insufficient-stock", 409, "Not enough stock",
        "A product has fewer units in stock than the request takes.");
    public static readonly ProblemType OrderFull = new("order-full", 409, "Order full",
        "The order already has the most lines an order may have.");
    public static readonly ProblemType OrderTotalTooLarge = new("order-total-too-large", 409, "Order total too large",
        "The order's total would exceed the largest amount the shop stores.");
    public static readonly ProblemType ProductInOrders = new("product-in-orders", 409, "Product in orders",
        "The product is part of an order and cannot be deleted.");
    public static readonly ProblemType ReferenceGone = new("reference-gone", 409, "Reference gone",
        "A product or user the change refers to was removed meanwhile.");
    public static readonly ProblemType IdempotencyKeyInFlight = new("idempotency-key-in-flight", 409, "Same Idempotency-Key in progress",
        "A request with this Idempotency-Key is still running; retry later to get its answer.");
    public static readonly ProblemType PayloadTooLarge = new("payload-too-large", 413, "Request body too large",
        "The body is over Shop:MaxRequestBodyBytes (1 MiB).");
    public static readonly ProblemType UnsupportedMediaType = new("unsupported-media-type", 415, "Unsupported media type",
        "The body must be JSON (`Content-Type: application/json`).");
    public static readonly ProblemType PaymentAmountMismatch = new("payment-amount-mismatch", 422, "Amount is not the total",
        "The payment's amount differs from the order's total.");
    public static readonly ProblemType IdempotencyKeyReused = new("idempotency-key-reused", 422, "Idempotency-Key reused",
        "The Idempotency-Key was already used on this route with a different body.");
    public static readonly ProblemType RateLimited = new("rate-limited", 429, "Too many requests",
        "The client's requests per minute are used up (per IPv4 address or IPv6 /64); `Retry-After` says when to retry.");
    public static readonly ProblemType TooManyFailedLogins = new("too-many-failed-logins", 429, "Too many failed logins",
        "The account's failed logins from addresses not known for it are used up; `Retry-After` says when to retry.");
    public static readonly ProblemType TooManyFailedLoginsFromAddress = new("too-many-failed-logins-from-address", 429, "Too many failed logins from this address",
        "The client address's failed logins across accounts are used up; `Retry-After` says when to retry.");
    public static readonly ProblemType TooManyRegistrations = new("too-many-registrations", 429, "Too many registrations",
        "The client address's registrations are used up; `Retry-After` says when to retry.");
    public static readonly ProblemType UnexpectedError = new("unexpected-error", 500, "Unexpected error",
        "A fault of the server; the `traceId` finds it in the logs.");
    public static readonly ProblemType DependencyUnavailable = new("dependency-unavailable", 503, "Redis unavailable",
        "A server the request needs (Redis: sessions, throttles, idempotency records) did not answer; retry after `Retry-After`.");
    public static readonly ProblemType DatabaseUnavailable = new("database-unavailable", 503, "Database unavailable",
        "PostgreSQL did not answer. If it was the answer to a COMMIT that was lost, the change may have been made: retry with the same `Idempotency-Key` to get its outcome, after `Retry-After`.");
    public static readonly ProblemType QueryTimeout = new("query-timeout", 503, "Query took too long",
        "A catalog query ran past Shop:Catalog:QueryTimeout and was cancelled; retry after `Retry-After`.");
    public static readonly ProblemType WritesQueueFull = new("writes-queue-full", 503, "Too many changes waiting",
        "The instance's queue of changes is full (Shop:ConcurrencyLimiter); retry after `Retry-After`.");
    public static readonly ProblemType PasswordHashingQueueFull = new("password-hashing-queue-full", 503, "Too many logins waiting",
        "The instance's queue of logins, registrations and password changes is full (Shop:PasswordHashing); retry after `Retry-After`.");

    public static IReadOnlyList<ProblemType> All { get; } =
    [
        ValidationFailed, MalformedRequest, InvalidIdempotencyKey, AuthenticationRequired, InvalidCredentials, Forbidden,
        RouteNotFound, ProductNotFound, OrderNotFound, WebhookNotFound, UserNotFound, MethodNotAllowed, EmailTaken, OrderNotPending,
        OrderExpired, InsufficientStock, OrderFull, OrderTotalTooLarge, ProductInOrders, ReferenceGone, IdempotencyKeyInFlight,
        PayloadTooLarge, UnsupportedMediaType, PaymentAmountMismatch, IdempotencyKeyReused, RateLimited, TooManyFailedLogins,
        TooManyFailedLoginsFromAddress, TooManyRegistrations, UnexpectedError, DependencyUnavailable, DatabaseUnavailable,
        QueryTimeout, WritesQueueFull, PasswordHashingQueueFull,
    ];

    private static readonly Dictionary<string, ProblemType> ByCode = All.ToDictionary(type => type.Code, StringComparer.Ordinal);

    /// <summary>The type of a code a domain or use-case error declares; a code missing here is a bug the tests catch.</summary>
    public static ProblemType Of(string code) =>
        ByCode.TryGetValue(code, out var type) ? type : throw new InvalidOperationException($"The problem code '{code}' is not in ProblemTypes.All.");

    /// <summary>The cause of a status the framework answers by itself (no route, a method the route does not take, ...).</summary>
    public static ProblemType ForStatus(int status) => status switch
    {
        400 => MalformedRequest,
        401 => AuthenticationRequired,
        403 => Forbidden,
        404 => RouteNotFound,
        405 => MethodNotAllowed,
        413 => PayloadTooLarge,
        415 => UnsupportedMediaType,
        429 => RateLimited,
        503 => DependencyUnavailable,
        _ => UnexpectedError,
    };
}
