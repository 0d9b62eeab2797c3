using Shop.Domain.Common;

namespace Shop.Domain.Ordering;

public sealed class OrderNotPendingException : DomainConflictException
{
    public OrderNotPendingException(Guid orderId, OrderStatus status)
        : base($"Order '{orderId}' is {status.ToString().ToLowerInvariant()}, not pending.")
    {
    }

    public override string Code => "order-not-pending";
}

public sealed class OrderFullException : DomainConflictException
{
    public OrderFullException(Guid orderId)
        : base($"Order '{orderId}' already has {Order.MaxLines} lines.")
    {
    }

    public override string Code => "order-full";
}

public sealed class PaymentAmountMismatchException : DomainException
{
    public PaymentAmountMismatchException(decimal expected, decimal offered)
        : base($"The payment of {offered} does not equal the order total of {expected}.")
    {
        Expected = expected;
    }

    public decimal Expected { get; }

    public override ErrorCategory Category => ErrorCategory.Unprocessable;

    public override string Code => "payment-amount-mismatch";
}

public sealed class OrderTotalTooLargeException : DomainConflictException
{
    public OrderTotalTooLargeException(Guid orderId)
        : base($"Order '{orderId}' would exceed the largest total of {Money.MaxAmount}.")
    {
    }

    public override string Code => "order-total-too-large";
}

public sealed class OrderExpiredException : DomainConflictException
{
    public OrderExpiredException(Guid orderId, DateTime expiredAt)
        : base($"Order '{orderId}' expired unpaid at {expiredAt:yyyy-MM-ddTHH:mm:ssZ}; it can no longer be paid or changed. Place a new order.")
    {
    }

    public override string Code => "order-expired";
}
