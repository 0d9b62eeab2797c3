using Shop.Domain.Common;

namespace Shop.Application.Errors;

/// <summary>The `Idempotency-Key` already answered a request with another body on this route.</summary>
public sealed class IdempotencyKeyReusedException : UseCaseException
{
    public IdempotencyKeyReusedException() : base("This Idempotency-Key was already used with a different request body.")
    {
    }

    public override ErrorCategory Category => ErrorCategory.Unprocessable;

    public override string Code => "idempotency-key-reused";
}
