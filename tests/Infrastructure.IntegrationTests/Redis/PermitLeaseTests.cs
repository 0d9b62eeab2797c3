using Shop.Application.Caching;
using Shop.Application.EdgePorts;
using Shop.Application.Persistence;
using Shop.Infrastructure.RateLimiting;

namespace Shop.Infrastructure.IntegrationTests.Redis;

/// <summary>The arithmetic of leasing permits from the shared counter (no server needed).</summary>
public sealed class PermitLeaseTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Theory]
    [InlineData(5, 1)]
    [InlineData(59, 1)]
    [InlineData(90, 3)]
    [InlineData(600, 20)]
    [InlineData(30_000, 1_000)]
    [InlineData(100_000, 1_000)]
    public void The_largest_lease_is_a_thirtieth_of_the_limit_between_1_and_1000(int limit, int expected) =>
        Assert.Equal(expected, PermitLease.MaxSize(limit));

    [Fact]
    public void Spent_leases_double_up_to_the_largest_and_start_again_at_one_in_the_next_window()
    {
        var lease = new PermitLease();
        long counter = 0;
        var sizes = new List<int>();
        for (var i = 0; i < 8; i++)
        {
            var size = lease.NextSize(Start, 600);
            sizes.Add(size);
            counter += size;
            lease.Renew(Start, counter, size, Minute, 600);
            SpendAll(lease, Start, 600);
        }

        Assert.Equal([1, 2, 4, 8, 16, 20, 20, 20], sizes);
        Assert.Equal(1, lease.NextSize(Start + Minute, 600));
    }

    [Fact]
    public void A_lease_ends_after_its_lifetime_and_one_left_unspent_halves_the_next()
    {
        var lease = new PermitLease();
        lease.Renew(Start, counter: 17, size: 16, Minute, 600);
        Assert.True(lease.DecideAfterRenewal(Start, 600).Allowed);

        var later = Start + PermitLease.Lifetime;

        Assert.Null(lease.TryDecide(later, 600));
        Assert.Null(lease.KnownRemaining(later, 600));
        Assert.Equal(8, lease.NextSize(later, 600));
    }

    [Fact]
    public void One_instance_alone_reports_the_exact_remainder_and_spends_its_lease_without_asking()
    {
        var lease = new PermitLease();
        Assert.Null(lease.TryDecide(Start, 600));

        lease.Renew(Start, counter: 1, size: 1, Minute, 600);
        Assert.Equal(new RateLimitDecision(true, 599, Minute), lease.DecideAfterRenewal(Start, 600));
        Assert.Null(lease.TryDecide(Start, 600));

        lease.Renew(Start, counter: 3, size: 2, Minute, 600);
        Assert.Equal(598, lease.DecideAfterRenewal(Start, 600).Remaining);
        Assert.Equal(597, lease.TryDecide(Start, 600)?.Remaining);
        Assert.Null(lease.TryDecide(Start, 600));
    }

    [Fact]
    public void A_lease_that_crosses_the_limit_grants_only_what_is_left_and_then_refuses_locally_until_the_window_ends()
    {
        var lease = new PermitLease();
        // Another instance took permits 1..8 of a limit of 10; this lease of 4 covers 9..12.
        lease.Renew(Start, counter: 12, size: 4, Minute, 10);

        Assert.True(lease.DecideAfterRenewal(Start, 10).Allowed);
        Assert.True(lease.TryDecide(Start, 10)?.Allowed);
        var refused = lease.TryDecide(Start.AddSeconds(20), 10);

        Assert.NotNull(refused);
        Assert.False(refused.Allowed);
        Assert.Equal(0, refused.Remaining);
        Assert.Equal(TimeSpan.FromSeconds(40), refused.ResetAfter);
        Assert.Null(lease.TryDecide(Start + Minute, 10));
    }

    [Fact]
    public void A_lease_taken_after_the_limit_grants_nothing()
    {
        var lease = new PermitLease();
        lease.Renew(Start, counter: 15, size: 5, Minute, 10);

        var decision = lease.DecideAfterRenewal(Start, 10);

        Assert.False(decision.Allowed);
        Assert.Equal(0, decision.Remaining);
    }

    [Fact]
    public void Two_instances_leasing_disjoint_ranges_of_one_counter_grant_each_permit_once()
    {
        var (a, b) = (new PermitLease(), new PermitLease());
        long counter = 0;
        var allowed = 0;
        for (var request = 0; request < 100; request++)
        {
            var lease = request % 3 == 0 ? b : a;
            var decision = lease.TryDecide(Start, 30);
            if (decision is null)
            {
                var size = lease.NextSize(Start, 30);
                counter += size; // what INCRBY does atomically in Redis
                lease.Renew(Start, counter, size, Minute, 30);
                decision = lease.DecideAfterRenewal(Start, 30);
            }

            allowed += decision.Allowed ? 1 : 0;
        }

        Assert.Equal(30, allowed);
        Assert.True(counter >= 30);
        Assert.Equal(0, a.KnownRemaining(Start, 30));
        Assert.Equal(0, b.KnownRemaining(Start, 30));
    }

    private static void SpendAll(PermitLease lease, DateTimeOffset now, int limit)
    {
        Assert.True(lease.DecideAfterRenewal(now, limit).Allowed);
        while (lease.TryDecide(now, limit) is { Allowed: true })
        {
        }
    }
}
