using NSubstitute;
using Shop.Application.Errors;
using Shop.Application.Identity.Ports;
using Shop.Application.Identity.RegisterUser;
using Shop.Application.UnitTests.Support;
using Shop.Domain.Identity;

namespace Shop.Application.UnitTests.Identity;

public sealed class RegisterUserTests
{
    private readonly IUserRepository _users = Substitute.For<IUserRepository>();
    private readonly IPasswordHasher _hasher = Substitute.For<IPasswordHasher>();
    private readonly IRegistrationThrottle _throttle = Substitute.For<IRegistrationThrottle>();
    private readonly RegisterUserHandler _handler;

    public RegisterUserTests()
    {
        _hasher.Hash("correct horse").Returns("hashed-password");
        _throttle.TryRegisterAsync(default!, default).ReturnsForAnyArgs(new ThrottleDecision(true, TimeSpan.FromHours(1)));
        _handler = new RegisterUserHandler(_users, _hasher, TestData.Clock(), _throttle);
    }

    [Fact]
    public async Task A_registration_from_a_client_address_is_counted_for_that_address()
    {
        await _handler.Handle(new RegisterUserCommand("ann@example.com", "Ann", "correct horse", ClientAddress: "198.51.100.7"), CancellationToken.None);

        await _throttle.Received(1).TryRegisterAsync("198.51.100.7", Arg.Any<CancellationToken>());
        _users.ReceivedWithAnyArgs(1).Add(default!);
    }

    [Fact]
    public async Task An_address_over_its_limit_is_refused_with_the_wait_before_the_email_is_looked_up()
    {
        _throttle.TryRegisterAsync("198.51.100.7", Arg.Any<CancellationToken>()).Returns(new ThrottleDecision(false, TimeSpan.FromSeconds(600)));

        var exception = await Assert.ThrowsAsync<TooManyRequestsException>(() => _handler.Handle(
            new RegisterUserCommand("ann@example.com", "Ann", "correct horse", ClientAddress: "198.51.100.7"), CancellationToken.None).AsTask());

        Assert.Equal(TimeSpan.FromSeconds(600), exception.RetryAfter);
        Assert.Equal("Too many registrations from this address; retry after 600 s.", exception.Message);
        await _users.DidNotReceiveWithAnyArgs().EmailExistsAsync(default!, default);
        _users.DidNotReceiveWithAnyArgs().Add(default!);
    }

    [Fact]
    public async Task A_trusted_caller_without_a_client_address_is_not_counted()
    {
        await _handler.Handle(new RegisterUserCommand("ann@example.com", "Ann", "correct horse"), CancellationToken.None);

        await _throttle.DidNotReceiveWithAnyArgs().TryRegisterAsync(default!, default);
        _users.ReceivedWithAnyArgs(1).Add(default!);
    }

    [Fact]
    public async Task Registers_the_user_with_a_normalized_email_a_trimmed_name_and_the_hash()
    {
        _users.EmailExistsAsync("ann@example.com", Arg.Any<CancellationToken>()).Returns(false);

        var response = await _handler.Handle(
            new RegisterUserCommand("  Ann@Example.COM ", " Ann ", "correct horse"), CancellationToken.None);

        Assert.NotEqual(Guid.Empty, response.Id);
        Assert.Equal("ann@example.com", response.Email);
        Assert.Equal("Ann", response.Name);
        Assert.Equal(TestData.NowStored, response.CreatedAt);
        Assert.Equal(TestData.NowStored, response.UpdatedAt);
        _hasher.Received(1).Hash("correct horse");
        _users.Received(1).Add(Arg.Is<User>(user =>
            user.Id == response.Id
            && user.Email == "ann@example.com"
            && user.Name == "Ann"
            && user.PasswordHash == "hashed-password"
            && !user.IsAdministrator));
    }

    [Fact]
    public async Task A_taken_email_is_a_conflict_whatever_its_case()
    {
        _users.EmailExistsAsync("ann@example.com", Arg.Any<CancellationToken>()).Returns(true);

        var exception = await Assert.ThrowsAsync<ConflictException>(() =>
            _handler.Handle(new RegisterUserCommand("ANN@example.com", "Ann", "correct horse"), CancellationToken.None).AsTask());

        Assert.Equal("A user with this e-mail already exists.", exception.Message);
        _users.DidNotReceiveWithAnyArgs().Add(default!);
    }

    [Fact]
    public async Task A_trusted_caller_registers_an_administrator_by_record()
    {
        var response = await _handler.Handle(
            new RegisterUserCommand("boss@example.com", "Boss", "correct horse", AsAdministrator: true), CancellationToken.None);

        Assert.Equal("boss@example.com", response.Email);
        _users.Received(1).Add(Arg.Is<User>(user => user.Email == "boss@example.com" && user.IsAdministrator));
    }

    [Fact]
    public async Task A_trusted_caller_never_turns_an_existing_account_into_an_administrator()
    {
        _users.EmailExistsAsync("ops@example.com", Arg.Any<CancellationToken>()).Returns(true);

        var exception = await Assert.ThrowsAsync<ConflictException>(() => _handler.Handle(
            new RegisterUserCommand("ops@example.com", "Ops", "correct horse", AsAdministrator: true), CancellationToken.None).AsTask());

        Assert.Equal(RegisterUserCommand.TakenEmail, exception.Message);
        _users.DidNotReceiveWithAnyArgs().Add(default!);
        _hasher.DidNotReceiveWithAnyArgs().Hash(default!);
    }

    public sealed class Validator
    {
        private static readonly RegisterUserCommand Valid = new("ann@example.com", "Ann", "correct horse");
        private readonly RegisterUserValidator _validator = new();

        [Fact]
        public void Accepts_a_valid_command() => ValidationAssert.Passes(_validator, Valid);

        [Fact]
        public void Accepts_an_email_of_255_characters() =>
            ValidationAssert.Passes(_validator, Valid with { Email = EmailOfLength(255) });

        [Fact]
        public void Refuses_an_email_of_256_characters() =>
            ValidationAssert.FailsOn(_validator, Valid with { Email = EmailOfLength(256) }, "Email");

        [Theory]
        [InlineData("")]
        [InlineData("   ")]
        [InlineData("ann")]
        [InlineData("ann@")]
        [InlineData("@example.com")]
        [InlineData("ann@example")]
        [InlineData("ann@@example.com")]
        [InlineData("an n@example.com")]
        [InlineData("ann@example..com")]
        public void Refuses_a_missing_or_malformed_email(string email) =>
            ValidationAssert.FailsOn(_validator, Valid with { Email = email }, "Email");

        [Theory]
        [InlineData(1)]
        [InlineData(100)]
        public void Accepts_a_name_of_1_to_100_characters(int length) =>
            ValidationAssert.Passes(_validator, Valid with { Name = new string('n', length) });

        [Fact]
        public void Refuses_a_name_of_101_characters() =>
            ValidationAssert.FailsOn(_validator, Valid with { Name = new string('n', 101) }, "Name");

        [Theory]
        [InlineData("")]
        [InlineData("   ")]
        public void Refuses_an_empty_name(string name) =>
            ValidationAssert.FailsOn(_validator, Valid with { Name = name }, "Name");

        [Theory]
        [InlineData(8)]
        [InlineData(128)]
        public void Accepts_a_password_of_8_to_128_characters(int length) =>
            ValidationAssert.Passes(_validator, Valid with { Password = new string('p', length) });

        [Theory]
        [InlineData(0)]
        [InlineData(7)]
        [InlineData(129)]
        public void Refuses_a_password_outside_8_to_128_characters(int length) =>
            ValidationAssert.FailsOn(_validator, Valid with { Password = new string('p', length) }, "Password");

        [Theory]
        [InlineData("password")]
        [InlineData("12345678")]
        [InlineData("PassWord1")]
        [InlineData("QWERTYUIOP")]
        public void Refuses_a_common_password_whatever_its_case(string password)
        {
            var result = _validator.Validate(Valid with { Password = password });

            var error = Assert.Single(result.Errors);
            Assert.Equal("Password", error.PropertyName);
            Assert.EndsWith("is too common; choose one that is not on the list of common passwords.", error.ErrorMessage, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("ann\u200B@example.com")]
        [InlineData("ann\u0007@example.com")]
        [InlineData("ann@exa\u200Dmple.com")]
        public void Refuses_an_email_with_a_control_or_invisible_character(string escaped)
        {
            var result = _validator.Validate(Valid with { Email = System.Text.RegularExpressions.Regex.Unescape(escaped) });

            var error = Assert.Single(result.Errors);
            Assert.Equal("Email", error.PropertyName);
            Assert.Equal("'email' must not contain control or invisible characters.", error.ErrorMessage);
        }

        [Theory]
        [InlineData("\u0430dmin@example.com")]
        [InlineData("\u017Fam@example.com")]
        public void Refuses_an_email_whose_local_part_is_not_ascii(string escaped) =>
            ValidationAssert.FailsOn(_validator, Valid with { Email = System.Text.RegularExpressions.Regex.Unescape(escaped) }, "Email");

        [Fact]
        public void Reports_every_invalid_field()
        {
            var result = _validator.Validate(new RegisterUserCommand("nope", "", "short"));

            Assert.Equal(
                new[] { "Email", "Name", "Password" },
                result.Errors.Select(error => error.PropertyName).Distinct().Order(StringComparer.Ordinal));
        }

        /// <summary>A well-formed address of exactly <paramref name="length"/> characters.</summary>
        internal static string EmailOfLength(int length)
        {
            var email = $"{new string('a', 64)}@{new string('d', length - 77)}.example.com";
            Assert.Equal(length, email.Length);
            return email;
        }
    }
}
