using System.Reflection;
using Shop.Domain.Common;
using Shop.Domain.Ordering;
using Shop.Domain.UnitTests.Support;

namespace Shop.Domain.UnitTests.Ordering;

public class OrderTests
{
    private static readonly Guid UserId = Guid.Parse("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");

    private static readonly FixedTimeProvider Clock = new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));

    private static readonly PendingOrderExpiry Expiry = new(TimeSpan.FromHours(24));

    // Total of the order built by NewOrderWithLines: 19.99*3 + 0.01*1000 + 5.50*2 = 80.97.
    private const decimal ThreeLineTotal = 80.97m;

    public static TheoryData<decimal> WrongAmounts => new()
    {
        0m,
        80.96m,
        80.98m,
        80.969m,
        80.971m,
        -80.97m,
        8097m,
    };

    private static Order NewOrder() => Order.Place(UserId, Clock);

    private static Order NewOrderWithLines()
    {
        var order = NewOrder();
        order.AddItem(Guid.NewGuid(), 19.99m, 3);
        order.AddItem(Guid.NewGuid(), 0.01m, 1000);
        order.AddItem(Guid.NewGuid(), 5.50m, 2);
        return order;
    }

    private static void AddStoredLine(Order order, decimal unitPrice, int quantity)
    {
        var line = (LineItem)Activator.CreateInstance(
            typeof(LineItem),
            BindingFlags.Instance | BindingFlags.NonPublic,
            binder: null,
            args: [Guid.CreateVersion7(), order.Id, Guid.NewGuid(), quantity, unitPrice],
            culture: null)!;
        var items = (List<LineItem>)typeof(Order).GetField("_items", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(order)!;
        items.Add(line);
    }

    private static Order PaidOrder()
    {
        var order = NewOrderWithLines();
        order.ProcessPayment(ThreeLineTotal);
        return order;
    }

    private static Order CancelledOrder()
    {
        var order = NewOrderWithLines();
        order.Cancel();
        return order;
    }

    [Fact]
    public void Place_starts_an_empty_pending_order_for_the_user_at_the_clock_time()
    {
        var order = NewOrder();

        Assert.Equal(UserId, order.UserId);
        Assert.Equal(OrderStatus.Pending, order.Status);
        Assert.Equal(0m, order.Total);
        Assert.Empty(order.Items);
        Assert.Equal(new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc), order.CreatedAt);
        Assert.Equal(DateTimeKind.Utc, order.CreatedAt.Kind);
    }

    [Fact]
    public void Place_stores_the_clock_time_in_utc()
    {
        var clock = new FixedTimeProvider(new DateTimeOffset(2026, 11, 25, 5, 0, 0, TimeSpan.FromHours(-5)));

        var order = Order.Place(UserId, clock);

        Assert.Equal(new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc), order.CreatedAt);
    }

    [Fact]
    public void Place_gives_a_non_empty_version_7_id()
    {
        var order = NewOrder();

        Assert.NotEqual(Guid.Empty, order.Id);
        Assert.Equal(7, order.Id.Version);
        Assert.NotEqual(NewOrder().Id, order.Id);
    }

    [Fact]
    public void Place_refuses_an_empty_user_id()
    {
        var ex = Assert.Throws<DomainValidationException>(() => Order.Place(Guid.Empty, Clock));

        Assert.Equal("userId", ex.Field);
    }

    [Fact]
    public void Place_refuses_a_missing_clock()
    {
        Assert.Throws<ArgumentNullException>(() => Order.Place(UserId, null!));
    }

    [Fact]
    public void Total_is_the_sum_of_the_subtotals()
    {
        var order = NewOrderWithLines();

        Assert.Equal(3, order.Items.Count);
        Assert.Equal(ThreeLineTotal, order.Total);
        Assert.Equal(ThreeLineTotal, order.CalculateTotal());
        Assert.Equal(order.Items.Sum(item => item.GetSubtotal()), order.Total);
    }

    [Fact]
    public void Total_follows_every_added_or_merged_line()
    {
        var order = NewOrder();
        var mug = Guid.NewGuid();

        order.AddItem(mug, 12.50m, 1);
        Assert.Equal(12.50m, order.Total);

        order.AddItem(Guid.NewGuid(), 0.99m, 3);
        Assert.Equal(15.47m, order.Total);

        // The mug's line is re-priced as a whole: 3 * 99.99 + 2.97.
        order.AddItem(mug, 99.99m, 2);
        Assert.Equal(302.94m, order.Total);
    }

    // AddItem refuses a unit price with more than two decimals, so a line whose subtotal has more can only
    // come from storage; the lines are built here as EF Core builds them, through the private constructor.
    [Fact]
    public void Total_has_at_most_two_decimals()
    {
        var order = NewOrder();
        AddStoredLine(order, unitPrice: 0.333m, quantity: 3);
        AddStoredLine(order, unitPrice: 0.0625m, quantity: 2);

        order.AddItem(Guid.NewGuid(), 1.00m, 1);

        // 0.999 + 0.125 + 1.00 = 2.124, rounded to cents.
        Assert.Equal(2.12m, order.Total);
        Assert.Equal(2.12m, order.CalculateTotal());
    }

    [Fact]
    public void Total_rounds_a_half_cent_away_from_zero()
    {
        var order = NewOrder();
        AddStoredLine(order, unitPrice: 0.0625m, quantity: 2);

        order.AddItem(Guid.NewGuid(), 1.00m, 1);

        // 0.125 + 1.00 = 1.125: away from zero 1.13, where banker's rounding would give 1.12.
        Assert.Equal(1.13m, order.Total);
    }

    [Fact]
    public void Total_may_reach_the_largest_amount_but_not_exceed_it()
    {
        var order = NewOrder();
        order.AddItem(Guid.NewGuid(), 99_999_999.98m, 1);
        order.AddItem(Guid.NewGuid(), 0.01m, 1);

        Assert.Equal(99_999_999.99m, order.Total);
        Assert.Throws<OrderTotalTooLargeException>(() => order.AddItem(Guid.NewGuid(), 0.01m, 1));
        Assert.Throws<OrderTotalTooLargeException>(() => order.AddItem(order.Items[1].ProductId, 0.01m, 1));
        Assert.Equal(99_999_999.99m, order.Total);
        Assert.Equal(2, order.Items.Count);
        Assert.Equal(1, order.Items[1].Quantity);
    }

    [Fact]
    public void ProcessPayment_of_the_exact_total_marks_the_order_paid()
    {
        var order = NewOrderWithLines();

        order.ProcessPayment(80.97m);

        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.Equal(ThreeLineTotal, order.Total);
        Assert.Equal(3, order.Items.Count);
    }

    [Fact]
    public void ProcessPayment_accepts_the_total_written_with_more_trailing_zeros()
    {
        var order = NewOrderWithLines();

        order.ProcessPayment(80.9700m);

        Assert.Equal(OrderStatus.Paid, order.Status);
    }

    [Theory]
    [MemberData(nameof(WrongAmounts))]
    public void ProcessPayment_of_another_amount_is_refused_and_the_order_stays_pending(decimal amount)
    {
        var order = NewOrderWithLines();

        var ex = Assert.Throws<PaymentAmountMismatchException>(() => order.ProcessPayment(amount));

        Assert.Equal(ThreeLineTotal, ex.Expected);
        Assert.IsNotAssignableFrom<DomainConflictException>(ex);
        Assert.Equal(OrderStatus.Pending, order.Status);
        Assert.Equal(ThreeLineTotal, order.Total);
        Assert.Equal(3, order.Items.Count);
    }

    [Fact]
    public void ProcessPayment_after_a_refused_amount_still_accepts_the_exact_total()
    {
        var order = NewOrderWithLines();
        Assert.Throws<PaymentAmountMismatchException>(() => order.ProcessPayment(80.96m));

        order.ProcessPayment(ThreeLineTotal);

        Assert.Equal(OrderStatus.Paid, order.Status);
    }

    [Fact]
    public void Cancel_marks_a_pending_order_cancelled()
    {
        var order = NewOrderWithLines();

        order.Cancel();

        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Equal(ThreeLineTotal, order.Total);
        Assert.Equal(3, order.Items.Count);
    }

    [Fact]
    public void A_paid_order_refuses_a_second_payment()
    {
        var order = PaidOrder();

        var ex = Assert.Throws<OrderNotPendingException>(() => order.ProcessPayment(ThreeLineTotal));

        Assert.Equal($"Order '{order.Id}' is paid, not pending.", ex.Message);
        Assert.IsAssignableFrom<DomainConflictException>(ex);
        Assert.Equal(OrderStatus.Paid, order.Status);
    }

    [Fact]
    public void A_paid_order_refuses_to_be_cancelled()
    {
        var order = PaidOrder();

        Assert.Throws<OrderNotPendingException>(order.Cancel);

        Assert.Equal(OrderStatus.Paid, order.Status);
    }

    [Fact]
    public void A_paid_order_refuses_new_items_and_merges()
    {
        var order = PaidOrder();
        var existing = order.Items[0];

        Assert.Throws<OrderNotPendingException>(() => order.AddItem(Guid.NewGuid(), 1m, 1));
        Assert.Throws<OrderNotPendingException>(() => order.AddItem(existing.ProductId, existing.UnitPrice, 1));

        Assert.Equal(3, order.Items.Count);
        Assert.Equal(3, existing.Quantity);
        Assert.Equal(ThreeLineTotal, order.Total);
        Assert.Equal(OrderStatus.Paid, order.Status);
    }

    [Fact]
    public void A_cancelled_order_refuses_a_payment()
    {
        var order = CancelledOrder();

        var ex = Assert.Throws<OrderNotPendingException>(() => order.ProcessPayment(ThreeLineTotal));

        Assert.Equal($"Order '{order.Id}' is cancelled, not pending.", ex.Message);
        Assert.Equal(OrderStatus.Cancelled, order.Status);
    }

    [Fact]
    public void A_cancelled_order_refuses_a_second_cancel()
    {
        var order = CancelledOrder();

        Assert.Throws<OrderNotPendingException>(order.Cancel);

        Assert.Equal(OrderStatus.Cancelled, order.Status);
    }

    [Fact]
    public void A_cancelled_order_refuses_new_items_and_merges()
    {
        var order = CancelledOrder();
        var existing = order.Items[0];

        Assert.Throws<OrderNotPendingException>(() => order.AddItem(Guid.NewGuid(), 1m, 1));
        Assert.Throws<OrderNotPendingException>(() => order.AddItem(existing.ProductId, existing.UnitPrice, 1));

        Assert.Equal(3, order.Items.Count);
        Assert.Equal(3, existing.Quantity);
        Assert.Equal(ThreeLineTotal, order.Total);
        Assert.Equal(OrderStatus.Cancelled, order.Status);
    }

    [Fact]
    public void A_closed_order_checks_its_status_before_the_quantity()
    {
        var order = PaidOrder();

        Assert.Throws<OrderNotPendingException>(() => order.AddItem(Guid.NewGuid(), 1m, 0));
    }

    [Fact]
    public void An_order_takes_up_to_100_lines()
    {
        var order = NewOrder();

        for (var i = 0; i < 100; i++)
        {
            order.AddItem(Guid.NewGuid(), 1.00m, 1);
        }

        Assert.Equal(100, order.Items.Count);
        Assert.Equal(100.00m, order.Total);
    }

    [Fact]
    public void A_101st_line_is_refused_and_the_order_is_unchanged()
    {
        var order = NewOrder();
        for (var i = 0; i < Order.MaxLines; i++)
        {
            order.AddItem(Guid.NewGuid(), 1.00m, 1);
        }

        var ex = Assert.Throws<OrderFullException>(() => order.AddItem(Guid.NewGuid(), 1.00m, 1));

        Assert.Equal($"Order '{order.Id}' already has 100 lines.", ex.Message);
        Assert.IsAssignableFrom<DomainConflictException>(ex);
        Assert.Equal(100, order.Items.Count);
        Assert.Equal(100.00m, order.Total);
        Assert.Equal(OrderStatus.Pending, order.Status);
    }

    [Fact]
    public void A_full_order_still_merges_a_product_it_already_holds()
    {
        var order = NewOrder();
        for (var i = 0; i < Order.MaxLines; i++)
        {
            order.AddItem(Guid.NewGuid(), 1.00m, 1);
        }

        var line = order.AddItem(order.Items[42].ProductId, 1.00m, 4);

        Assert.Equal(5, line.Quantity);
        Assert.Equal(100, order.Items.Count);
        Assert.Equal(104.00m, order.Total);
    }

    [Fact]
    public void QuantitiesByProduct_lists_every_product_once_ordered_by_product_id()
    {
        var a = Guid.Parse("00000000-0000-0000-0000-00000000000a");
        var b = Guid.Parse("00000000-0000-0000-0000-00000000000b");
        var c = Guid.Parse("00000000-0000-0000-0000-00000000000c");
        var order = NewOrder();
        order.AddItem(c, 1m, 3);
        order.AddItem(a, 1m, 1);
        order.AddItem(b, 1m, 2);
        order.AddItem(c, 1m, 4);

        var quantities = order.QuantitiesByProduct();

        Assert.Equal([(a, 1), (b, 2), (c, 7)], quantities);
    }

    [Fact]
    public void A_pending_order_expires_once_it_has_waited_the_whole_expiry()
    {
        var order = NewOrder();

        Assert.False(order.HasExpired(Expiry, At(Expiry.After - TimeSpan.FromTicks(10))));
        Assert.True(order.HasExpired(Expiry, At(Expiry.After)));
    }

    [Fact]
    public void EnsureNotExpired_refuses_an_expired_pending_order_with_a_conflict_that_says_so()
    {
        var order = NewOrderWithLines();

        order.EnsureNotExpired(Expiry, At(Expiry.After - TimeSpan.FromTicks(10)));
        var ex = Assert.Throws<OrderExpiredException>(() => order.EnsureNotExpired(Expiry, At(Expiry.After)));

        Assert.Equal(ErrorCategory.Conflict, ex.Category);
        Assert.Contains("expired unpaid at 2026-11-26T10:00:00Z", ex.Message, StringComparison.Ordinal);
        Assert.Equal(OrderStatus.Pending, order.Status);
    }

    [Fact]
    public void Expire_cancels_an_expired_pending_order_once()
    {
        var order = NewOrderWithLines();

        Assert.True(order.Expire(Expiry, At(Expiry.After)));
        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.False(order.Expire(Expiry, At(Expiry.After)));
        Assert.Equal(ThreeLineTotal, order.Total);
        Assert.Throws<OrderNotPendingException>(() => order.ProcessPayment(ThreeLineTotal));
    }

    [Fact]
    public void Expire_leaves_a_pending_order_that_has_not_expired_yet()
    {
        var order = NewOrderWithLines();

        Assert.False(order.Expire(Expiry, At(Expiry.After - TimeSpan.FromTicks(10))));
        Assert.Equal(OrderStatus.Pending, order.Status);
    }

    [Fact]
    public void Expire_leaves_a_paid_or_cancelled_order_however_old()
    {
        var paid = PaidOrder();
        var cancelled = CancelledOrder();
        var muchLater = At(Expiry.After * 10);

        Assert.False(paid.Expire(Expiry, muchLater));
        Assert.False(cancelled.Expire(Expiry, muchLater));
        Assert.False(paid.HasExpired(Expiry, muchLater));
        paid.EnsureNotExpired(Expiry, muchLater);
        Assert.Equal(OrderStatus.Paid, paid.Status);
        Assert.Equal(OrderStatus.Cancelled, cancelled.Status);
    }

    /// <summary>The clock <paramref name="sincePlaced"/> after the orders here were placed.</summary>
    private static FixedTimeProvider At(TimeSpan sincePlaced) => new(Clock.GetUtcNow() + sincePlaced);
}
