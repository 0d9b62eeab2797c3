using Shop.Domain.Common;
using Shop.Domain.Identity;
using Shop.Domain.UnitTests.Support;

namespace Shop.Domain.UnitTests.Identity;

public class UserTests
{
    private const string Hash = "hashed:correct horse battery staple";

    private static readonly DateTimeOffset CreatedInstant = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset RenamedInstant = new(2026, 12, 1, 8, 30, 15, TimeSpan.Zero);

    private static readonly FixedTimeProvider CreationClock = new(CreatedInstant);

    private static User NewUser(string name = "Alice") =>
        User.Create("alice@example.com", name, Hash, CreationClock);

    [Fact]
    public void Create_sets_every_field()
    {
        var user = User.Create("  Alice@Example.COM ", "  Alice Liddell  ", Hash, CreationClock);

        Assert.Equal("alice@example.com", user.Email);
        Assert.Equal("Alice Liddell", user.Name);
        Assert.Equal(Hash, user.PasswordHash);
        Assert.Equal(new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc), user.CreatedAt);
        Assert.Equal(DateTimeKind.Utc, user.CreatedAt.Kind);
        Assert.Equal(user.CreatedAt, user.UpdatedAt);
    }

    [Fact]
    public void Create_stores_the_clock_time_in_utc()
    {
        var clock = new FixedTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.FromHours(2)));

        var user = User.Create("alice@example.com", "Alice", Hash, clock);

        Assert.Equal(new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc), user.CreatedAt);
        Assert.Equal(DateTimeKind.Utc, user.CreatedAt.Kind);
        Assert.Equal(user.CreatedAt, user.UpdatedAt);
    }

    [Fact]
    public void Create_gives_a_non_empty_version_7_id()
    {
        var user = NewUser();

        Assert.NotEqual(Guid.Empty, user.Id);
        Assert.Equal(7, user.Id.Version);
    }

    [Fact]
    public void Create_gives_each_user_its_own_id()
    {
        Assert.NotEqual(NewUser().Id, NewUser().Id);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Create_refuses_a_missing_name(string? name)
    {
        var ex = Assert.Throws<DomainValidationException>(
            () => User.Create("alice@example.com", name!, Hash, CreationClock));

        Assert.Equal("name", ex.Field);
        Assert.Equal("'name' must not be empty.", ex.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    public void Create_accepts_a_name_of_1_to_100_characters(int length)
    {
        var name = new string('n', length);

        Assert.Equal(name, NewUser(name).Name);
    }

    [Fact]
    public void Create_measures_the_name_after_trimming()
    {
        var name = new string('n', 100);

        Assert.Equal(name, NewUser("  " + name + "  ").Name);
    }

    [Fact]
    public void Create_refuses_a_name_of_101_characters()
    {
        var ex = Assert.Throws<DomainValidationException>(() => NewUser(new string('n', 101)));

        Assert.Equal("name", ex.Field);
        Assert.Equal("'name' must be at most 100 characters.", ex.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Create_refuses_a_missing_password_hash(string? passwordHash)
    {
        var ex = Assert.Throws<DomainValidationException>(
            () => User.Create("alice@example.com", "Alice", passwordHash!, CreationClock));

        Assert.Equal("passwordHash", ex.Field);
        Assert.Equal("'passwordHash' must not be empty.", ex.Message);
    }

    [Fact]
    public void Create_refuses_a_password_hash_longer_than_255_characters()
    {
        var ex = Assert.Throws<DomainValidationException>(
            () => User.Create("alice@example.com", "Alice", new string('h', 256), CreationClock));

        Assert.Equal("passwordHash", ex.Field);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-an-address")]
    [InlineData("alice@example")]
    public void Create_refuses_an_invalid_email(string? email)
    {
        var ex = Assert.Throws<DomainValidationException>(
            () => User.Create(email!, "Alice", Hash, CreationClock));

        Assert.Equal("email", ex.Field);
    }

    [Fact]
    public void Create_refuses_a_missing_clock()
    {
        Assert.Throws<ArgumentNullException>(() => User.Create("alice@example.com", "Alice", Hash, null!));
    }

    [Fact]
    public void ChangePassword_replaces_the_hash_as_given_and_sets_updated_at_from_the_clock()
    {
        var user = NewUser();

        user.ChangePassword(" new-hash ", new FixedTimeProvider(RenamedInstant));

        Assert.Equal(" new-hash ", user.PasswordHash);
        Assert.Equal(new DateTime(2026, 12, 1, 8, 30, 15, DateTimeKind.Utc), user.UpdatedAt);
        Assert.Equal("alice@example.com", user.Email);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void ChangePassword_refuses_an_empty_hash_and_keeps_the_old_one(string hash)
    {
        var user = NewUser();

        var error = Assert.Throws<DomainValidationException>(() => user.ChangePassword(hash, new FixedTimeProvider(RenamedInstant)));

        Assert.Equal("passwordHash", error.Field);
        Assert.Equal(Hash, user.PasswordHash);
        Assert.Equal(user.CreatedAt, user.UpdatedAt);
    }

    [Fact]
    public void ChangePassword_refuses_a_hash_over_255_characters() =>
        Assert.Throws<DomainValidationException>(() => NewUser().ChangePassword(new string('h', 256), new FixedTimeProvider(RenamedInstant)));

    [Fact]
    public void Rename_trims_the_name_and_sets_updated_at_from_the_clock()
    {
        var user = NewUser();

        user.Rename("  Alice Liddell  ", new FixedTimeProvider(RenamedInstant));

        Assert.Equal("Alice Liddell", user.Name);
        Assert.Equal(new DateTime(2026, 12, 1, 8, 30, 15, DateTimeKind.Utc), user.UpdatedAt);
        Assert.Equal(DateTimeKind.Utc, user.UpdatedAt.Kind);
    }

    [Fact]
    public void Rename_keeps_the_other_fields()
    {
        var user = NewUser();
        var id = user.Id;

        user.Rename("Bob", new FixedTimeProvider(RenamedInstant));

        Assert.Equal(id, user.Id);
        Assert.Equal("alice@example.com", user.Email);
        Assert.Equal(Hash, user.PasswordHash);
        Assert.Equal(new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc), user.CreatedAt);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Rename_refuses_a_missing_name_and_changes_nothing(string? name)
    {
        var user = NewUser();

        var ex = Assert.Throws<DomainValidationException>(
            () => user.Rename(name!, new FixedTimeProvider(RenamedInstant)));

        Assert.Equal("name", ex.Field);
        Assert.Equal("Alice", user.Name);
        Assert.Equal(user.CreatedAt, user.UpdatedAt);
    }

    [Fact]
    public void Rename_refuses_a_name_of_101_characters_and_changes_nothing()
    {
        var user = NewUser();

        var ex = Assert.Throws<DomainValidationException>(
            () => user.Rename(new string('n', 101), new FixedTimeProvider(RenamedInstant)));

        Assert.Equal("name", ex.Field);
        Assert.Equal("'name' must be at most 100 characters.", ex.Message);
        Assert.Equal("Alice", user.Name);
        Assert.Equal(user.CreatedAt, user.UpdatedAt);
    }

    [Fact]
    public void Rename_refuses_a_missing_clock_and_changes_nothing()
    {
        var user = NewUser();

        Assert.Throws<ArgumentNullException>(() => user.Rename("Bob", null!));

        Assert.Equal("Alice", user.Name);
        Assert.Equal(user.CreatedAt, user.UpdatedAt);
    }

    [Fact]
    public void VerifyPassword_is_true_for_the_right_password_and_passes_hash_then_password()
    {
        var hasher = new FakePasswordHasher();
        var user = User.Create("alice@example.com", "Alice", hasher.Hash("s3cret-pass"), CreationClock);

        Assert.True(user.VerifyPassword("s3cret-pass", hasher));

        var call = Assert.Single(hasher.VerifyCalls);
        Assert.Equal(("hashed:s3cret-pass", "s3cret-pass"), call);
    }

    [Theory]
    [InlineData("wrong-password")]
    [InlineData("S3CRET-PASS")]
    [InlineData("s3cret-pass ")]
    public void VerifyPassword_is_false_for_another_password(string password)
    {
        var hasher = new FakePasswordHasher();
        var user = User.Create("alice@example.com", "Alice", hasher.Hash("s3cret-pass"), CreationClock);

        Assert.False(user.VerifyPassword(password, hasher));
        Assert.Single(hasher.VerifyCalls);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void VerifyPassword_is_false_for_an_empty_password_without_asking_the_hasher(string? password)
    {
        var hasher = new FakePasswordHasher { AlwaysMatch = true };
        var user = NewUser();

        Assert.False(user.VerifyPassword(password!, hasher));
        Assert.Empty(hasher.VerifyCalls);
    }

    [Fact]
    public void VerifyPassword_refuses_a_missing_hasher()
    {
        var user = NewUser();

        Assert.Throws<ArgumentNullException>(() => user.VerifyPassword("s3cret-pass", null!));
    }

    private sealed class FakePasswordHasher : IPasswordHasher
    {
        private const string Prefix = "hashed:";

        public List<(string PasswordHash, string Password)> VerifyCalls { get; } = [];

        public bool AlwaysMatch { get; init; }

        public string Hash(string password) => Prefix + password;

        public bool Verify(string passwordHash, string password)
        {
            VerifyCalls.Add((passwordHash, password));
            return AlwaysMatch || string.Equals(passwordHash, Prefix + password, StringComparison.Ordinal);
        }
    }
}
