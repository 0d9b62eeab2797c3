using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Shop.Application.Errors;
using Shop.Application.Identity.CreateSession;
using Shop.Application.Identity.Ports;
using Shop.Application.UnitTests.Support;
using Shop.Domain.Identity;

namespace Shop.Application.UnitTests.Identity;

public sealed class CreateSessionTests
{
    private const string Address = "198.51.100.7";
    private static readonly DateTime ExpiresAt = new(2026, 11, 26, 10, 0, 0, DateTimeKind.Utc);
    private readonly IUserRepository _users = Substitute.For<IUserRepository>();
    private readonly IPasswordHasher _hasher = Substitute.For<IPasswordHasher>();
    private readonly ISessionStore _sessions = Substitute.For<ISessionStore>();
    private readonly ILoginThrottle _throttle = Substitute.For<ILoginThrottle>();
    private readonly CreateSessionHandler _handler;
    private readonly User _ann;

    public CreateSessionTests()
    {
        _hasher.Hash(Arg.Any<string>()).Returns("decoy-hash");
        _ann = User.Create("ann@example.com", "Ann", "ann-hash", TestData.Clock());
        _users.FindByEmailAsync("ann@example.com", Arg.Any<CancellationToken>()).Returns(_ann);
        _users.FindByEmailAsync("nobody@example.com", Arg.Any<CancellationToken>()).Returns((User?)null);
        _hasher.Verify("ann-hash", "correct horse").Returns(true);
        _sessions.CreateAsync(_ann.Id, "ann@example.com", false, Arg.Any<CancellationToken>())
            .Returns(new SessionTicket("opaque-token", ExpiresAt));
        _throttle.TryAttemptAsync(default!, default!, default)
            .ReturnsForAnyArgs(call => Allowed(call.ArgAt<string>(0)));
        _handler = new CreateSessionHandler(_users, _hasher, _sessions, _throttle);
    }

    [Fact]
    public async Task Right_credentials_count_the_attempt_under_the_normalized_email_and_the_address_then_report_the_success()
    {
        await _handler.Handle(new CreateSessionCommand(" Ann@Example.com ", "correct horse", Address), CancellationToken.None);

        Received.InOrder(() =>
        {
            _throttle.TryAttemptAsync("ann@example.com", Address, Arg.Any<CancellationToken>());
            _throttle.SucceededAsync(Allowed("ann@example.com"), Arg.Any<CancellationToken>());
        });
    }

    [Fact]
    public async Task A_wrong_password_stays_counted()
    {
        await Assert.ThrowsAsync<InvalidCredentialsException>(() =>
            _handler.Handle(new CreateSessionCommand("ann@example.com", "wrong horse", Address), CancellationToken.None).AsTask());

        await _throttle.Received(1).TryAttemptAsync("ann@example.com", Address, Arg.Any<CancellationToken>());
        await _throttle.DidNotReceiveWithAnyArgs().SucceededAsync(default!, default);
    }

    [Fact]
    public async Task An_unknown_email_is_counted_too()
    {
        await Assert.ThrowsAsync<InvalidCredentialsException>(() =>
            _handler.Handle(new CreateSessionCommand("nobody@example.com", "correct horse", Address), CancellationToken.None).AsTask());

        await _throttle.Received(1).TryAttemptAsync("nobody@example.com", Address, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_throttled_email_is_refused_with_the_wait_even_with_the_right_password_and_nothing_is_checked()
    {
        _throttle.TryAttemptAsync("ann@example.com", Address, Arg.Any<CancellationToken>()).Returns(Refused("ann@example.com", LoginLimit.Account, TimeSpan.FromSeconds(89.2)));

        var exception = await Assert.ThrowsAsync<TooManyRequestsException>(() =>
            _handler.Handle(new CreateSessionCommand("ann@example.com", "correct horse", Address), CancellationToken.None).AsTask());

        Assert.Equal(TimeSpan.FromSeconds(89.2), exception.RetryAfter);
        Assert.Equal("Too many failed logins for this e-mail; retry after 90 s.", exception.Message);
        await _users.DidNotReceiveWithAnyArgs().FindByEmailAsync(default!, default);
        _hasher.DidNotReceiveWithAnyArgs().Verify(default!, default!);
        await _sessions.DidNotReceiveWithAnyArgs().CreateAsync(default, default!, default, default);
        await _throttle.DidNotReceiveWithAnyArgs().SucceededAsync(default!, default);
    }

    [Fact]
    public async Task A_throttled_unknown_email_is_refused_exactly_like_a_throttled_account()
    {
        _throttle.TryAttemptAsync(default!, default!, default)
            .ReturnsForAnyArgs(call => Refused(call.ArgAt<string>(0), LoginLimit.Account, TimeSpan.FromSeconds(30)));

        var known = await Record.ExceptionAsync(() =>
            _handler.Handle(new CreateSessionCommand("ann@example.com", "wrong horse", Address), CancellationToken.None).AsTask());
        var unknown = await Record.ExceptionAsync(() =>
            _handler.Handle(new CreateSessionCommand("nobody@example.com", "wrong horse", Address), CancellationToken.None).AsTask());

        var knownRefusal = Assert.IsType<TooManyRequestsException>(known);
        var unknownRefusal = Assert.IsType<TooManyRequestsException>(unknown);
        Assert.Equal(knownRefusal.Message, unknownRefusal.Message);
        Assert.Equal(knownRefusal.RetryAfter, unknownRefusal.RetryAfter);
    }

    [Fact]
    public async Task When_the_throttle_cannot_be_asked_the_login_fails_unavailable_before_the_password_is_checked()
    {
        _throttle.TryAttemptAsync(default!, default!, default).ThrowsAsyncForAnyArgs(new ServiceUnavailableException("The login throttle cannot be reached."));

        await Assert.ThrowsAsync<ServiceUnavailableException>(() =>
            _handler.Handle(new CreateSessionCommand("ann@example.com", "correct horse", Address), CancellationToken.None).AsTask());

        _hasher.DidNotReceiveWithAnyArgs().Verify(default!, default!);
        await _sessions.DidNotReceiveWithAnyArgs().CreateAsync(default, default!, default, default);
    }

    [Fact]
    public async Task Right_credentials_open_a_session()
    {
        var response = await _handler.Handle(
            new CreateSessionCommand(" Ann@Example.com ", "correct horse", Address), CancellationToken.None);

        Assert.Equal(new SessionResponse("opaque-token", _ann.Id, ExpiresAt), response);
        await _users.Received(1).FindByEmailAsync("ann@example.com", Arg.Any<CancellationToken>());
        await _sessions.Received(1).CreateAsync(_ann.Id, "ann@example.com", false, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_wrong_password_is_refused_without_a_session()
    {
        var exception = await Assert.ThrowsAsync<InvalidCredentialsException>(() =>
            _handler.Handle(new CreateSessionCommand("ann@example.com", "wrong horse", Address), CancellationToken.None).AsTask());

        Assert.Equal("The e-mail or password is wrong.", exception.Message);
        _hasher.Received(1).Verify("ann-hash", "wrong horse");
        await _sessions.DidNotReceiveWithAnyArgs().CreateAsync(default, default!, default, default);
    }

    [Fact]
    public async Task An_unknown_email_is_refused_after_verifying_a_decoy_hash()
    {
        var exception = await Assert.ThrowsAsync<InvalidCredentialsException>(() =>
            _handler.Handle(new CreateSessionCommand("nobody@example.com", "correct horse", Address), CancellationToken.None).AsTask());

        Assert.Equal("The e-mail or password is wrong.", exception.Message);
        // The hasher does the same slow work as for a known e-mail, so timing does not tell them apart.
        _hasher.Received(1).Verify(Arg.Any<string>(), "correct horse");
        await _sessions.DidNotReceiveWithAnyArgs().CreateAsync(default, default!, default, default);
    }

    [Fact]
    public async Task Unknown_email_and_wrong_password_fail_the_same_way()
    {
        var unknown = await Record.ExceptionAsync(() =>
            _handler.Handle(new CreateSessionCommand("nobody@example.com", "correct horse", Address), CancellationToken.None).AsTask());
        var wrong = await Record.ExceptionAsync(() =>
            _handler.Handle(new CreateSessionCommand("ann@example.com", "wrong horse", Address), CancellationToken.None).AsTask());

        Assert.IsType<InvalidCredentialsException>(unknown);
        Assert.IsType<InvalidCredentialsException>(wrong);
        Assert.Equal(unknown.Message, wrong.Message);
    }

    [Fact]
    public async Task An_address_over_its_limit_is_refused_with_its_own_message_and_nothing_is_checked()
    {
        _throttle.TryAttemptAsync("ann@example.com", Address, Arg.Any<CancellationToken>())
            .Returns(Refused("ann@example.com", LoginLimit.Address, TimeSpan.FromSeconds(12)));

        var exception = await Assert.ThrowsAsync<TooManyRequestsException>(() =>
            _handler.Handle(new CreateSessionCommand("ann@example.com", "correct horse", Address), CancellationToken.None).AsTask());

        Assert.Equal("Too many failed logins from this address; retry after 12 s.", exception.Message);
        await _users.DidNotReceiveWithAnyArgs().FindByEmailAsync(default!, default);
    }

    private static LoginAttempt Allowed(string email) => new(email, Address, false, null, TimeSpan.FromMinutes(15));

    private static LoginAttempt Refused(string email, LoginLimit limit, TimeSpan wait) => new(email, Address, false, limit, wait);

    public sealed class Validator
    {
        private static readonly CreateSessionCommand Valid = new("ann@example.com", "correct horse", Address);
        private readonly CreateSessionValidator _validator = new();

        [Fact]
        public void Accepts_a_valid_command() => ValidationAssert.Passes(_validator, Valid);

        [Fact]
        public void Accepts_an_email_of_255_characters() =>
            ValidationAssert.Passes(_validator, Valid with { Email = RegisterUserTests.Validator.EmailOfLength(255) });

        [Fact]
        public void Refuses_an_email_of_256_characters() =>
            ValidationAssert.FailsOn(_validator, Valid with { Email = RegisterUserTests.Validator.EmailOfLength(256) }, "Email");

        [Theory]
        [InlineData("")]
        [InlineData("ann")]
        [InlineData("ann@example")]
        public void Refuses_a_missing_or_malformed_email(string email) =>
            ValidationAssert.FailsOn(_validator, Valid with { Email = email }, "Email");

        [Fact]
        public void Refuses_an_empty_password() =>
            ValidationAssert.FailsOn(_validator, Valid with { Password = "" }, "Password");

        [Fact]
        public void Accepts_a_password_of_128_characters() =>
            ValidationAssert.Passes(_validator, Valid with { Password = new string('p', 128) });

        [Fact]
        public void Refuses_a_password_of_129_characters() =>
            ValidationAssert.FailsOn(_validator, Valid with { Password = new string('p', 129) }, "Password");
    }
}
