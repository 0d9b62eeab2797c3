using System.Buffers.Text;
using Shop.Application.Catalog.SearchProducts;

namespace Shop.Application.UnitTests.Catalog;

public sealed class ProductCursorTests
{
    [Theory]
    [InlineData("Oak chair")]
    [InlineData("a")]
    [InlineData("Crème brûlée 🍮 dish")]
    [InlineData("100% cotton_shirt \\ / + =")]
    public void Decodes_what_it_encodes(string name)
    {
        var cursor = new ProductCursor(name, Guid.NewGuid());

        var text = cursor.Encode();

        Assert.True(ProductCursor.TryDecode(text, out var decoded));
        Assert.Equal(cursor, decoded);
        Assert.Matches("^[A-Za-z0-9_-]+$", text);
    }

    [Fact]
    public void Decodes_a_name_of_255_four_byte_characters_within_the_maximum_length()
    {
        var name = string.Concat(Enumerable.Repeat("𝔸", 127)) + "x";
        var text = new ProductCursor(name, Guid.NewGuid()).Encode();

        Assert.InRange(text.Length, 1, ProductCursor.MaxLength);
        Assert.True(ProductCursor.TryDecode(text, out _));
    }

    [Fact]
    public void Refuses_every_single_character_edit()
    {
        var text = new ProductCursor("Oak chair", Guid.NewGuid()).Encode();

        for (var i = 0; i < text.Length; i++)
        {
            var edited = text[..i] + (text[i] == 'A' ? 'B' : 'A') + text[(i + 1)..];
            Assert.False(ProductCursor.TryDecode(edited, out _), $"an edit at {i} was accepted");
        }
    }

    [Fact]
    public void Refuses_a_truncated_or_extended_cursor()
    {
        var text = new ProductCursor("Oak chair", Guid.NewGuid()).Encode();

        Assert.False(ProductCursor.TryDecode(text[..^1], out _));
        Assert.False(ProductCursor.TryDecode(text[..^4], out _));
        Assert.False(ProductCursor.TryDecode(text + "A", out _));
        Assert.False(ProductCursor.TryDecode(text + "==", out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("!!!!")]
    [InlineData("a b")]
    public void Refuses_text_that_is_not_base64url(string? text) => Assert.False(ProductCursor.TryDecode(text, out _));

    [Fact]
    public void Refuses_bytes_without_the_check_even_when_well_formed_base64url()
    {
        var bytes = new byte[1 + 16 + 5 + 8];
        bytes[0] = 1;
        "chair"u8.CopyTo(bytes.AsSpan(17));

        Assert.False(ProductCursor.TryDecode(Base64Url.EncodeToString(bytes), out _));
    }

    [Fact]
    public void Refuses_a_cursor_longer_than_any_it_gives_out() =>
        Assert.False(ProductCursor.TryDecode(new string('A', ProductCursor.MaxLength + 1), out _));
}
