using System.Globalization;
using System.Text;

namespace Shop.Infrastructure.IntegrationTests.Support;

/// <summary>The first differing lines of two texts, as a unified diff: what a stale-document failure shows.</summary>
internal static class TextDiff
{
    /// <summary>
    /// The differences of <paramref name="actual"/> from <paramref name="expected"/> (both split at '\n'): each change
    /// as "-" (only in expected) and "+" (only in actual) lines under a "@@ line N @@" header with one line of context,
    /// at most <paramref name="maxLines"/> lines in all; empty when the texts are equal.
    /// </summary>
    public static string FirstDifferences(string expected, string actual, int maxLines = 40)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var operations = Operations(expected.Split('\n'), actual.Split('\n'));
        var text = new StringBuilder();
        var written = 0;
        for (var i = 0; i < operations.Count && written < maxLines; i++)
        {
            if (operations[i].Kind == ' ')
            {
                continue;
            }

            // A new hunk: its header and the unchanged line before it.
            var start = i > 0 && operations[i - 1].Kind == ' ' ? i - 1 : i;
            text.Append(CultureInfo.InvariantCulture, $"@@ line {operations[i].ExpectedLine} @@\n");
            for (var j = start; j < i; j++)
            {
                text.Append(' ').Append(operations[j].Text).Append('\n');
            }

            while (i < operations.Count && operations[i].Kind != ' ' && written < maxLines)
            {
                text.Append(operations[i].Kind).Append(operations[i].Text).Append('\n');
                written++;
                i++;
            }

            if (i < operations.Count && operations[i].Kind == ' ')
            {
                text.Append(' ').Append(operations[i].Text).Append('\n');
            }
        }

        if (operations.Count(operation => operation.Kind != ' ') > written)
        {
            text.Append("… (more differences)\n");
        }

        return text.ToString();
    }

    /// <summary>An edit script from a longest common subsequence of the lines between the common head and tail.</summary>
    private static List<(char Kind, string Text, int ExpectedLine)> Operations(string[] expected, string[] actual)
    {
        var head = 0;
        while (head < expected.Length && head < actual.Length && expected[head] == actual[head])
        {
            head++;
        }

        var tail = 0;
        while (tail < expected.Length - head && tail < actual.Length - head
               && expected[expected.Length - 1 - tail] == actual[actual.Length - 1 - tail])
        {
            tail++;
        }

        var a = expected[head..(expected.Length - tail)];
        var b = actual[head..(actual.Length - tail)];
        // common[i, j]: the length of the longest common subsequence of a[i..] and b[j..].
        var common = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                common[i, j] = a[i] == b[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        var operations = new List<(char, string, int)>();
        for (var line = 0; line < head; line++)
        {
            operations.Add((' ', expected[line], line + 1));
        }

        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                operations.Add((' ', a[x], head + x + 1));
                x++;
                y++;
            }
            else if (x < a.Length && (y == b.Length || common[x + 1, y] >= common[x, y + 1]))
            {
                operations.Add(('-', a[x], head + x + 1));
                x++;
            }
            else
            {
                operations.Add(('+', b[y], head + x + 1));
                y++;
            }
        }

        for (var line = expected.Length - tail; line < expected.Length; line++)
        {
            operations.Add((' ', expected[line], line + 1));
        }

        return operations;
    }
}
