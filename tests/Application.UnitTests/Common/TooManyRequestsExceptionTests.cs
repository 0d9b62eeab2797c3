using Shop.Application.Errors;
using Shop.Domain.Common;

namespace Shop.Application.UnitTests.Common;

public sealed class TooManyRequestsExceptionTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(400, 1)]
    [InlineData(1000, 1)]
    [InlineData(1001, 2)]
    [InlineData(900_000, 900)]
    public void The_wait_is_whole_seconds_rounded_up_and_at_least_one(int milliseconds, long seconds) =>
        Assert.Equal(seconds, TooManyRequestsException.WholeSeconds(TimeSpan.FromMilliseconds(milliseconds)));

    [Fact]
    public void It_is_a_too_many_requests_refusal_that_carries_its_wait()
    {
        var exception = new TooManyRequestsException("too-many-registrations", "Too many tries", TimeSpan.FromSeconds(2.5));

        Assert.Equal(ErrorCategory.TooManyRequests, exception.Category);
        Assert.Equal(TimeSpan.FromSeconds(2.5), exception.RetryAfter);
        Assert.Equal("Too many tries; retry after 3 s.", exception.Message);
    }

    [Fact]
    public void Other_use_case_errors_carry_no_wait() =>
        Assert.Null(new ConflictException("email-taken", "Taken.").RetryAfter);
}
