import { createTheme, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

/** A sober navy, close to NATO's blue, as the primary colour; everything else is Mantine's default theme. */
const navy: MantineColorsTuple = ['#eaf1fb', '#d3deef', '#a4bbe0', '#7196d1', '#4877c4', '#2f63bd', '#1f4f9e', '#16427f', '#0f3566', '#0b2e59'];

export const theme = createTheme({
  primaryColor: 'navy',
  primaryShade: 7,
  colors: { navy },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  defaultRadius: 'sm',
  focusRing: 'auto',
});

/** Mantine's "dimmed" grey is below the WCAG AA contrast for small text; a darker one keeps the sober look. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': '#575e66', '--mantine-color-placeholder': '#656b73' },
  dark: {},
});
