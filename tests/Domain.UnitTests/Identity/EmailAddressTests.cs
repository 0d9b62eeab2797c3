using System.Text.RegularExpressions;
using Shop.Domain.Common;
using Shop.Domain.Identity;

namespace Shop.Domain.UnitTests.Identity;

public class EmailAddressTests
{
    // 64 + 1 + 186 + 4 = 255 characters.
    private static readonly string LongestEmail = new string('a', 64) + "@" + new string('b', 186) + ".com";

    [Theory]
    [InlineData("alice@example.com", "alice@example.com")]
    [InlineData("  alice@example.com  ", "alice@example.com")]
    [InlineData("Alice@Example.COM", "alice@example.com")]
    [InlineData("\t BOB.Smith+Shop@Mail.Example.ORG \n", "bob.smith+shop@mail.example.org")]
    [InlineData("x@y.z", "x@y.z")]
    public void Normalize_trims_and_lower_cases(string input, string expected)
    {
        Assert.Equal(expected, EmailAddress.Normalize(input));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void Normalize_refuses_a_missing_address(string? input)
    {
        var ex = Assert.Throws<DomainValidationException>(() => EmailAddress.Normalize(input));

        Assert.Equal("email", ex.Field);
        Assert.Equal("'email' must not be empty.", ex.Message);
    }

    [Fact]
    public void Normalize_accepts_exactly_255_characters()
    {
        Assert.Equal(255, LongestEmail.Length);

        Assert.Equal(LongestEmail, EmailAddress.Normalize(LongestEmail));
    }

    [Fact]
    public void Normalize_measures_the_length_after_trimming()
    {
        var padded = "   " + LongestEmail.ToUpperInvariant() + "   ";

        Assert.Equal(LongestEmail, EmailAddress.Normalize(padded));
    }

    [Fact]
    public void Normalize_refuses_256_characters()
    {
        var tooLong = new string('a', 64) + "@" + new string('b', 187) + ".com";
        Assert.Equal(256, tooLong.Length);

        var ex = Assert.Throws<DomainValidationException>(() => EmailAddress.Normalize(tooLong));

        Assert.Equal("email", ex.Field);
        Assert.Equal("'email' must be at most 255 characters.", ex.Message);
    }

    [Theory]
    [InlineData("plainaddress")]
    [InlineData("@example.com")]
    [InlineData("alice@")]
    [InlineData("alice@example")]
    [InlineData("alice@@example.com")]
    [InlineData("alice@bob@example.com")]
    [InlineData("ali ce@example.com")]
    [InlineData("alice@exa mple.com")]
    [InlineData("alice..smith@example.com")]
    [InlineData("alice@example..com")]
    [InlineData("alice@.example.com")]
    [InlineData("alice@example.com.")]
    [InlineData("alice@-example.com")]
    public void Normalize_refuses_a_malformed_address(string input)
    {
        var ex = Assert.Throws<DomainValidationException>(() => EmailAddress.Normalize(input));

        Assert.Equal("email", ex.Field);
        Assert.Equal("'email' is not a valid e-mail address.", ex.Message);
    }

    // The look-alikes of the security review (issue 20, finding 8): each registered as an account of its own.
    [Theory]
    [InlineData("alice\u200B@example.com")]
    [InlineData("alice@exam\u200Bple.com")]
    [InlineData("ali\u0007ce@example.com")]
    [InlineData("alice\t@example.com")]
    [InlineData("\uFEFFalice@example.com")]
    [InlineData("alice\u200E@example.com")]
    public void Normalize_refuses_control_and_invisible_characters(string escaped)
    {
        var ex = Assert.Throws<DomainValidationException>(() => EmailAddress.Normalize(Regex.Unescape(escaped)));

        Assert.Equal("email", ex.Field);
        Assert.Equal("'email' must not contain control or invisible characters.", ex.Message);
    }

    [Theory]
    [InlineData("\u0430dmin@example.com")]
    [InlineData("\u017Fam@example.com")]
    [InlineData("\uFF41lice@example.com")]
    [InlineData("ali\u0301ce@example.com")]
    public void Normalize_refuses_a_local_part_that_is_not_ascii(string escaped)
    {
        var ex = Assert.Throws<DomainValidationException>(() => EmailAddress.Normalize(Regex.Unescape(escaped)));

        Assert.Equal("email", ex.Field);
        Assert.Equal("'email' is not a valid e-mail address.", ex.Message);
    }

    [Theory]
    [InlineData("Ann@\u043F\u0440\u0438\u043C\u0435\u0440.\u0440\u0444", "ann@xn--e1afmkfd.xn--p1ai")]
    [InlineData("ann@\u041F\u0420\u0418\u041C\u0415\u0420.\u0420\u0424", "ann@xn--e1afmkfd.xn--p1ai")]
    [InlineData("ann@b\u00FCcher.example", "ann@xn--bcher-kva.example")]
    public void Normalize_writes_an_internationalized_domain_in_its_ascii_form(string escaped, string expected)
    {
        Assert.Equal(expected, EmailAddress.Normalize(Regex.Unescape(escaped)));
    }

    [Theory]
    [InlineData("ann@exa_mple.\u0440\u0444")]
    [InlineData("ann@\u043F\u0440\u0438..\u0440\u0444")]
    public void Normalize_refuses_an_internationalized_domain_idna_refuses(string escaped)
    {
        var ex = Assert.Throws<DomainValidationException>(() => EmailAddress.Normalize(Regex.Unescape(escaped)));

        Assert.Equal("'email' is not a valid e-mail address.", ex.Message);
    }

    [Fact]
    public void Normalize_accepts_a_local_part_of_64_characters()
    {
        var email = new string('a', 64) + "@example.com";

        Assert.Equal(email, EmailAddress.Normalize(email));
    }

    [Fact]
    public void Normalize_refuses_a_local_part_of_65_characters()
    {
        var email = new string('a', 65) + "@example.com";

        var ex = Assert.Throws<DomainValidationException>(() => EmailAddress.Normalize(email));

        Assert.Equal("email", ex.Field);
    }

    [Theory]
    [InlineData("alice@example.com", true)]
    [InlineData("first.last@sub.example.co.uk", true)]
    [InlineData("alice@example", false)]
    [InlineData("alice@", false)]
    [InlineData("@example.com", false)]
    [InlineData("a b@example.com", false)]
    public void IsWellFormed_answers_whether_the_address_is_usable(string email, bool expected)
    {
        Assert.Equal(expected, EmailAddress.IsWellFormed(email));
    }
}
