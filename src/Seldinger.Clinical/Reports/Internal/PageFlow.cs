using System.Globalization;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Seldinger.Clinical.Reports.Internal;

// A top-to-bottom text flow over A4 pages: wraps words, starts a new page when one is full, and
// finishes with "page n of m" footers (and a watermark) once the page count is known.
internal sealed class PageFlow : IDisposable
{
    private const double Margin = 50;
    private const double HeaderHeight = 46;
    private const double FooterHeight = 30;

    private readonly PdfDocument _document = new();
    private readonly string _family;
    private readonly Action<XGraphics, XRect> _drawHeader;
    private XGraphics? _graphics;
    private PdfPage? _page;
    private double _y;

    public PageFlow(string family, double bodySize, string title, Action<XGraphics, XRect> drawHeader)
    {
        _family = family;
        _drawHeader = drawHeader;
        _document.Info.Title = title;
        _document.Info.Creator = "Seldinger";
        Body = Font(bodySize);
        Bold = Font(bodySize, XFontStyleEx.Bold);
        Small = Font(bodySize * 0.8);
        NewPage();
    }

    public XFont Body { get; }

    public XFont Bold { get; }

    public XFont Small { get; }

    private static double Left => Margin;

    private double Width => _page!.Width.Point - (2 * Margin);

    private double Bottom => _page!.Height.Point - Margin - FooterHeight;

    public XFont Font(double size, XFontStyleEx style = XFontStyleEx.Regular) =>
        new(_family, size, style, new XPdfFontOptions(PdfFontEncoding.Unicode));

    public void Space(double points) => _y += points;

    public void Heading(string text, double size)
    {
        var font = Font(size, XFontStyleEx.Bold);
        // A heading never ends a page alone: keep room for it and two lines under it.
        EnsureRoom(LineHeight(font) + (3 * LineHeight(Body)));
        _y += size * 0.5;
        Paragraph(text, font);
        _graphics!.DrawLine(new XPen(XColors.Gray, 0.6), Left, _y, Left + Width, _y);
        _y += size * 0.35;
    }

    public void Paragraph(string text, XFont? font = null, double indent = 0, string? bullet = null, XBrush? brush = null)
    {
        font ??= Body;
        var lines = Wrap(text, font, Width - indent);
        for (var i = 0; i < lines.Count; i++)
        {
            EnsureRoom(LineHeight(font));
            if (i == 0 && bullet is not null)
            {
                _graphics!.DrawString(bullet, font, XBrushes.Black, Left + indent - _graphics.MeasureString(bullet + " ", font).Width, _y, XStringFormats.TopLeft);
            }

            _graphics!.DrawString(lines[i], font, brush ?? XBrushes.Black, Left + indent, _y, XStringFormats.TopLeft);
            _y += LineHeight(font);
        }
    }

    // Rows of cells in fixed columns (fractions of the width); each cell wraps, the row is as tall as its tallest cell.
    public void Row(IReadOnlyList<string> cells, IReadOnlyList<double> columns, XFont? font = null)
    {
        font ??= Body;
        var widths = columns.Select(c => (c * Width) - 6).ToList();
        var wrapped = cells.Select((c, i) => Wrap(c, font, widths[i])).ToList();
        var height = wrapped.Max(w => w.Count) * LineHeight(font);
        EnsureRoom(height);
        var x = Left;
        for (var i = 0; i < cells.Count; i++)
        {
            var lineY = _y;
            foreach (var line in wrapped[i])
            {
                _graphics!.DrawString(line, font, XBrushes.Black, x, lineY, XStringFormats.TopLeft);
                lineY += LineHeight(font);
            }

            x += columns[i] * Width;
        }

        _y += height + 2;
    }

    public void Rule()
    {
        EnsureRoom(6);
        _graphics!.DrawLine(new XPen(XColors.LightGray, 0.5), Left, _y + 2, Left + Width, _y + 2);
        _y += 6;
    }

    public byte[] Finish(string? watermark, Func<int, int, string> footer, string footerLeft)
    {
        _graphics?.Dispose();
        _graphics = null;
        var count = _document.PageCount;
        var footerFont = Small;
        for (var i = 0; i < count; i++)
        {
            var p = _document.Pages[i];
            using var g = XGraphics.FromPdfPage(p, XGraphicsPdfPageOptions.Append);
            var width = p.Width.Point;
            var height = p.Height.Point;
            var footerY = height - Margin - (FooterHeight / 2);
            g.DrawLine(new XPen(XColors.Gray, 0.5), Margin, footerY - 4, width - Margin, footerY - 4);
            g.DrawString(footerLeft, footerFont, XBrushes.DimGray, Margin, footerY, XStringFormats.TopLeft);
            var text = footer(i + 1, count);
            g.DrawString(text, footerFont, XBrushes.DimGray, width - Margin - g.MeasureString(text, footerFont).Width, footerY, XStringFormats.TopLeft);
            if (watermark is not null)
            {
                // Also upright in the footer, so the state survives black-and-white copies and text extraction.
                var label = Font(Small.Size, XFontStyleEx.Bold);
                g.DrawString(watermark, label, new XSolidBrush(XColor.FromArgb(200, 30, 30)), (width - g.MeasureString(watermark, label).Width) / 2, footerY + 12, XStringFormats.TopLeft);
                var mark = Font(110, XFontStyleEx.Bold);
                var state = g.Save();
                g.TranslateTransform(width / 2, height / 2);
                g.RotateTransform(-50);
                g.DrawString(watermark, mark, new XSolidBrush(XColor.FromArgb(55, 200, 30, 30)), 0, 0, XStringFormats.Center);
                g.Restore(state);
            }
        }

        using var stream = new MemoryStream();
        _document.Save(stream, false);
        return stream.ToArray();
    }

    public void Dispose()
    {
        _graphics?.Dispose();
        _document.Dispose();
    }

    private static double LineHeight(XFont font) => font.Size * 1.32;

    private void EnsureRoom(double height)
    {
        if (_y + height > Bottom)
        {
            NewPage();
        }
    }

    private void NewPage()
    {
        _graphics?.Dispose();
        _page = _document.AddPage();
        _page.Size = PageSize.A4;
        _graphics = XGraphics.FromPdfPage(_page);
        var header = new XRect(Margin, Margin - 20, Width, HeaderHeight);
        _drawHeader(_graphics, header);
        _y = header.Bottom;
    }

    private List<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (Measure(candidate, font) <= width)
                {
                    line = candidate;
                    continue;
                }

                if (line.Length > 0)
                {
                    lines.Add(line);
                }

                line = word;
                // A word wider than the column (a UDI, a long lot number) is cut where it fills the line.
                while (Measure(line, font) > width && line.Length > 1)
                {
                    var cut = line.Length - 1;
                    while (cut > 1 && Measure(line[..cut], font) > width)
                    {
                        cut--;
                    }

                    lines.Add(line[..cut]);
                    line = line[cut..];
                }
            }

            lines.Add(line);
        }

        return lines;
    }

    private double Measure(string text, XFont font) => _graphics!.MeasureString(text, font).Width;

    public static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    // "GeneralAnaesthesia" -> "General anaesthesia", for enum names printed to people.
    public static string Humanize(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));
}
