import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { CommittedAmountModal } from './committed-amount-modal';

describe('committed amount dialog', () => {
  it('is prefilled from the expected amount and answers the amount in minor units', async () => {
    const onConfirm = vi.fn();
    renderWithProviders(
      <CommittedAmountModal name="Lakeshore" stage="committed" currency="USD" suggested={500_000_000} expected={500_000_000} onCancel={() => {}} onConfirm={onConfirm} />,
    );
    const input = (await screen.findByTestId('committed-amount')) as HTMLInputElement;
    expect(input.value).toBe('$5,000,000');
    await userEvent.click(screen.getByTestId('confirm-committed-amount'));
    expect(onConfirm).toHaveBeenCalledWith(500_000_000);
  });

  it('refuses an empty amount, takes a typed one in minor units, and cancels', async () => {
    const onConfirm = vi.fn();
    const onCancel = vi.fn();
    renderWithProviders(<CommittedAmountModal name="Lakeshore" stage="closed" currency="USD" suggested={null} expected={null} onCancel={onCancel} onConfirm={onConfirm} />);
    await userEvent.click(await screen.findByTestId('confirm-committed-amount'));
    expect(onConfirm).not.toHaveBeenCalled();
    expect(await screen.findByText(/Enter the amount committed/)).toBeInTheDocument();
    await userEvent.click(screen.getByTestId('committed-amount'));
    await userEvent.paste('4250000.5');
    await userEvent.click(screen.getByTestId('confirm-committed-amount'));
    expect(onConfirm).toHaveBeenCalledWith(425_000_050);
    await userEvent.click(screen.getByTestId('cancel-committed-amount'));
    expect(onCancel).toHaveBeenCalled();
  });
});
