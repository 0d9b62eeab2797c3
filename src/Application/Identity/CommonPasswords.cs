namespace Shop.Application.Identity;

/// <summary>
/// Passwords too common to accept (NIST SP 800-63B): the list shipped in this assembly (CommonPasswords.txt, its
/// first line names the source and licence), read once, compared case-insensitively.
/// </summary>
internal static class CommonPasswords
{
    private static readonly Lazy<HashSet<string>> List = new(Load);

    public static bool Contains(string password) => List.Value.Contains(password);

    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream("Shop.Application.Identity.CommonPasswords.txt")
            ?? throw new InvalidOperationException("The common password list is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        var passwords = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                passwords.Add(line);
            }
        }

        return passwords;
    }
}
