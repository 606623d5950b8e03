import { describe, expect, it } from 'vitest';
import { maskAddress, maskBankAccount, maskIdNumber, maskName, maskPhone } from '../../../shared/domain/masking';

describe('masking of personal data on screen (docs/domain.md §11, 个人信息保护法 第51条)', () => {
  it('an ID number keeps 3 leading and 4 trailing characters', () => {
    expect(maskIdNumber('110101199003071234')).toBe('110***********1234');
    expect(maskIdNumber('11010119900307123x')).toBe('110***********123x');
    expect(maskIdNumber('E1234567')).toBe('******67');
    expect(maskIdNumber('')).toBe('');
    expect(maskIdNumber(undefined)).toBe('');
  });

  it('the birth date inside an ID number is never shown', () => {
    expect(maskIdNumber('110101199003071234')).not.toContain('19900307');
  });

  it('a mobile number keeps 3 + 4 digits; a landline its area code and last 4; an extension shows it is there, not its digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+86 138 1234 5678')).toBe('138****5678');
    expect(maskPhone('010-87654321')).toBe('010-****4321');
    expect(maskPhone('(0755) 8765432 转 801')).toBe('0755-***5432 转***');
    expect(maskPhone('0755-8765432-801')).toBe('0755-***5432 转***');
    expect(maskPhone('87654321')).toBe('****4321');
    expect(maskPhone('12')).toBe('**');
  });

  it('a bank account shows only its last 4 digits', () => {
    expect(maskBankAccount('6222 0212 3456 7890 123')).toBe('**** **** **** **** 0123');
    expect(maskBankAccount('6222021234567890')).toBe('**** **** **** 7890');
    expect(maskBankAccount('123')).toBe('***');
  });

  it('an address keeps the district and hides street and number', () => {
    expect(maskAddress('北京市朝阳区建国门外大街甲6号')).toBe('北京市朝阳区****');
    expect(maskAddress('广西壮族自治区南宁市青秀区民族大道1号')).toBe('广西壮族自治区南宁市青秀区****');
    expect(maskAddress('北京市海淀区某某小区3号楼')).toBe('北京市海淀区****');
    expect(maskAddress('浙江省义乌市稠城街道工人路8号')).toBe('浙江省义乌市****');
    expect(maskAddress('样例路1号')).toBe('样例****');
    expect(maskAddress('')).toBe('');
  });

  it('a name keeps its first (and for 3+ characters last) character', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张小三')).toBe('张*三');
    expect(maskName('欧阳小明')).toBe('欧**明');
    expect(maskName('John Smith')).toBe('J*** S***');
    expect(maskName('')).toBe('');
  });
});
