import { canonicalNumber, canonicalTimestamp, isNumericText } from './canonicalValue';

describe('timestamp normalisation', () => {
  it.each([
    ['2020-03-04T11:00:30+01:00', '2020-03-04T10:00:30.000Z'],
    ['2022-02-16T20:33:31.116000-06:00', '2022-02-17T02:33:31.116Z'],
    ['2023-02-02T11:04:03.1415Z', '2023-02-02T11:04:03.142Z'],
    ['2023-02-02T11:04:03.1414999Z', '2023-02-02T11:04:03.141Z'],
    ['2023-12-31T23:59:59.9996Z', '2024-01-01T00:00:00.000Z'],
    ['2023-01-11T12:00:00+0530', '2023-01-11T06:30:00.000Z'],
    ['2023-01-11T12:00:00', '2023-01-11T12:00:00.000Z'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalTimestamp(input)).toBe(expected);
  });

  it('leaves text that is not a date-time unchanged', () => {
    expect(canonicalTimestamp('yesterday')).toBe('yesterday');
  });
});

describe('number normalisation', () => {
  it.each([
    [26, '26'],
    [26.0, '26'],
    ['26.0', '26'],
    ['+0.50', '0.5'],
    ['007', '7'],
    [-0, '0'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    ['1.5e-7', '1.5e-07'],
    [1e21, '1000000000000000000000'],
    [12.1, '12.1'],
  ])('%j → %s', (input, expected) => {
    expect(canonicalNumber(input)).toBe(expected);
  });

  it('recognises only decimal numbers as numeric text', () => {
    expect(['12', '-3.5', '.5', '1e3'].every(isNumericText)).toBe(true);
    expect(['0x10', 'NaN', 'Infinity', '1,5', '2019-10-21', ''].some(isNumericText)).toBe(false);
  });
});
