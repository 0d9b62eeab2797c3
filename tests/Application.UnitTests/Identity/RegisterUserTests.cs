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
    private readonly IAdministrators _administrators = Substitute.For<IAdministrators>();
    private readonly IRegistrationThrottle _throttle = Substitute.For<IRegistrationThrottle>();
    private readonly RegisterUserHandler _handler;

    public RegisterUserTests()
    {
        _hasher.Hash("correct horse").Returns("hashed-password");
        _administrators.IsAdministrator("boss@example.com").Returns(true);
        _throttle.TryRegisterAsync(default!, default).ReturnsForAnyArgs(new ThrottleDecision(true, TimeSpan.FromHours(1)));
        _handler = new RegisterUserHandler(_users, _hasher, _administrators, TestData.Clock(), _throttle);
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
            && user.PasswordHash == "hashed-password"));
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
    public async Task An_administrators_email_cannot_be_registered_by_the_public()
    {
        var exception = await Assert.ThrowsAsync<ConflictException>(() =>
            _handler.Handle(new RegisterUserCommand(" Boss@Example.com", "Mallory", "correct horse"), CancellationToken.None).AsTask());

        Assert.Equal("This e-mail is reserved for an administrator account.", exception.Message);
        _users.DidNotReceiveWithAnyArgs().Add(default!);
        _hasher.DidNotReceiveWithAnyArgs().Hash(default!);
    }

    [Fact]
    public async Task A_trusted_caller_registers_an_administrator()
    {
        var response = await _handler.Handle(
            new RegisterUserCommand("boss@example.com", "Boss", "correct horse", AsAdministrator: true), CancellationToken.None);

        Assert.Equal("boss@example.com", response.Email);
        _users.Received(1).Add(Arg.Is<User>(user => user.Email == "boss@example.com"));
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
