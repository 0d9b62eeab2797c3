using FluentValidation;
using NSubstitute;
using Shop.Application.Errors;
using Shop.Application.Identity.ChangePassword;
using Shop.Application.Identity.Ports;
using Shop.Application.UnitTests.Support;
using Shop.Domain.Identity;

namespace Shop.Application.UnitTests.Identity;

public sealed class ChangePasswordTests
{
    private const string Address = "198.51.100.7";
    private readonly IUserRepository _users = Substitute.For<IUserRepository>();
    private readonly IPasswordHasher _hasher = Substitute.For<IPasswordHasher>();
    private readonly ISessionStore _sessions = Substitute.For<ISessionStore>();
    private readonly ILoginThrottle _throttle = Substitute.For<ILoginThrottle>();
    private readonly ChangePasswordHandler _handler;
    private readonly User _ann;
    private readonly LoginAttempt _allowed = new("ann@example.com", Address, true, null, TimeSpan.FromMinutes(15));

    public ChangePasswordTests()
    {
        _ann = User.Create("ann@example.com", "Ann", "old-hash", TestData.Clock());
        _users.GetByIdAsync(_ann.Id, Arg.Any<CancellationToken>()).Returns(_ann);
        _hasher.Verify("old-hash", "correct horse").Returns(true);
        _hasher.Hash("a new passphrase").Returns("new-hash");
        _throttle.TryAttemptAsync("ann@example.com", Address, Arg.Any<CancellationToken>()).Returns(_allowed);
        _handler = new ChangePasswordHandler(_users, _hasher, _sessions, _throttle, TestData.Clock());
    }

    private ChangePasswordCommand Command(string current) => new(_ann.Id, "callers-token", current, "a new passphrase", Address);

    [Fact]
    public async Task The_right_current_password_replaces_the_hash_ends_the_other_sessions_and_reports_the_success()
    {
        await _handler.Handle(Command("correct horse"), CancellationToken.None);

        Assert.Equal("new-hash", _ann.PasswordHash);
        Assert.Equal(TestData.NowStored, _ann.UpdatedAt);
        await _sessions.Received(1).EndAllAsync(_ann.Id, "callers-token", Arg.Any<CancellationToken>());
        await _throttle.Received(1).SucceededAsync(_allowed, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_wrong_current_password_is_refused_naming_it_stays_counted_and_changes_nothing()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => _handler.Handle(Command("wrong horse"), CancellationToken.None).AsTask());

        Assert.Equal("CurrentPassword", Assert.Single(error.Errors).PropertyName);
        Assert.Equal("old-hash", _ann.PasswordHash);
        await _throttle.Received(1).TryAttemptAsync("ann@example.com", Address, Arg.Any<CancellationToken>());
        await _throttle.DidNotReceiveWithAnyArgs().SucceededAsync(default!, default);
        await _sessions.DidNotReceiveWithAnyArgs().EndAllAsync(default, default, default);
    }

    [Fact]
    public async Task A_throttled_account_is_refused_before_the_password_is_checked()
    {
        _throttle.TryAttemptAsync("ann@example.com", Address, Arg.Any<CancellationToken>())
            .Returns(_allowed with { RefusedBy = LoginLimit.Account, RetryAfter = TimeSpan.FromSeconds(30) });

        var error = await Assert.ThrowsAsync<TooManyRequestsException>(() => _handler.Handle(Command("correct horse"), CancellationToken.None).AsTask());

        Assert.Equal(TimeSpan.FromSeconds(30), error.RetryAfter);
        _hasher.DidNotReceiveWithAnyArgs().Verify(default!, default!);
        Assert.Equal("old-hash", _ann.PasswordHash);
    }

    public sealed class Validator
    {
        private static readonly ChangePasswordCommand Valid = new(Guid.NewGuid(), "token", "old password", "a new passphrase", Address);
        private readonly ChangePasswordValidator _validator = new();

        [Fact]
        public void Accepts_a_valid_command() => ValidationAssert.Passes(_validator, Valid);

        [Theory]
        [InlineData("")]
        [InlineData("7 chars")]
        public void Refuses_a_new_password_under_8_characters(string password) =>
            ValidationAssert.FailsOn(_validator, Valid with { NewPassword = password }, "NewPassword");

        [Fact]
        public void Refuses_a_new_password_over_128_characters() =>
            ValidationAssert.FailsOn(_validator, Valid with { NewPassword = new string('p', 129) }, "NewPassword");

        [Fact]
        public void Refuses_an_empty_current_password() =>
            ValidationAssert.FailsOn(_validator, Valid with { CurrentPassword = "" }, "CurrentPassword");
    }
}
